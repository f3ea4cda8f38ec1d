import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { Db } from "./database.ts";

export interface ChannelHandlers {
  /** A NOTIFY on the channel, with its payload. */
  message(payload: string): void;
  /** Messages may have been missed: the connection dropped, or is listening again after a drop. */
  reset(): void;
}

export interface Listening {
  /** Whether every NOTIFY sent from now on reaches `message`: false until LISTEN is in place and while the connection is down. */
  readonly live: boolean;
  close(): Promise<void>;
}

type Listen = (channel: string, handlers: ChannelHandlers) => Listening;

const listeners = new WeakMap<Db, Listen>();

/** Called by openDatabase for the handle it gives out. */
export function registerListen(db: Db, listen: Listen) {
  listeners.set(db, listen);
}

/** LISTENs on a channel of the database behind a handle from openDatabase; undefined for any other handle (a transaction). */
export function listenOn(db: Db, channel: string, handlers: ChannelHandlers): Listening | undefined {
  return listeners.get(db)?.(channel, handlers);
}

const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 30_000;

/**
 * A connection of its own that only LISTENs (a pooled one would be handed to other work). When
 * it drops it says so and connects again, waiting longer after each failure.
 */
export class PgChannel implements Listening {
  live = false;
  private client: pg.Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;
  private delay = FIRST_RETRY_MS;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly channel: string,
    private readonly handlers: ChannelHandlers,
  ) {
    void this.connect();
  }

  private async connect() {
    const client = new pg.Client(this.config);
    this.client = client;
    client.on("error", () => this.lost(client));
    client.on("end", () => this.lost(client));
    client.on("notification", (n) => {
      if (n.channel === this.channel) this.handlers.message(n.payload ?? "");
    });
    try {
      await client.connect();
      await client.query(`listen ${client.escapeIdentifier(this.channel)}`);
    } catch {
      return this.lost(client);
    }
    if (client !== this.client) return void client.end().catch(() => undefined); // closed meanwhile
    this.live = true;
    this.delay = FIRST_RETRY_MS;
    this.handlers.reset();
  }

  private lost(client: pg.Client) {
    client.end().catch(() => undefined);
    if (client !== this.client) return;
    this.client = undefined;
    this.live = false;
    this.handlers.reset();
    if (this.closed) return;
    this.retry = setTimeout(() => void this.connect(), this.delay).unref();
    this.delay = Math.min(this.delay * 2, LAST_RETRY_MS);
  }

  async close() {
    this.closed = true;
    this.live = false;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}

/** PGlite is one connection in this process: LISTEN there is never lost. */
export class PgliteChannel implements Listening {
  live = false;
  private closed = false;
  private readonly listening: Promise<(() => Promise<void>) | undefined>;

  constructor(client: PGlite, channel: string, handlers: ChannelHandlers) {
    this.listening = client.listen(channel, (payload) => handlers.message(payload)).then(
      (unlisten) => {
        if (!this.closed) {
          this.live = true;
          handlers.reset();
        }
        return unlisten;
      },
      () => undefined, // the database closed first
    );
  }

  async close() {
    this.closed = true;
    this.live = false;
    const unlisten = await this.listening;
    await unlisten?.().catch(() => undefined);
  }
}
