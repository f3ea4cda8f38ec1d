import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";

/**
 * The tenant wall: work run inside {@link withTenantScope} reaches PostgreSQL as the role
 * `registru_staff` with `registru.tenants` set, so row-level security (migration 0005) hides the
 * rows of every other organisation even if an application check were missing. Applied when a
 * connection is taken from the pool; the embedded PGlite has one shared connection, so there the
 * application's checks are the only wall.
 */
const scope = new AsyncLocalStorage<string>();

/** Runs `fn` walled to these tenants (an empty list sees no tenant's rows). */
export function withTenantScope<T>(tenantIds: readonly string[], fn: () => T): T {
  return scope.run(tenantIds.join(","), fn);
}

/** Runs `fn` as the owner again: for work that is the installation's, such as the job queue's tables. */
export function outsideTenantScope<T>(fn: () => T): T {
  return scope.exit(fn);
}

/** The tenants of the current scope, or undefined outside any. */
export function currentTenantScope(): string[] | undefined {
  const s = scope.getStore();
  return s === undefined ? undefined : s === "" ? [] : s.split(",");
}

const applied = Symbol("registru.tenantScope");
type WalledClient = pg.PoolClient & { [applied]?: string };

/** A walled connection keeps its role; only the tenants change, and only when they differ. */
async function applyScope(client: WalledClient, tenants: string): Promise<void> {
  if (client[applied] === tenants) return;
  await client.query("select set_config('role', 'registru_staff', false), set_config('registru.tenants', $1, false)", [tenants]);
  client[applied] = tenants;
}

type ConnectCallback = (err: Error | undefined, client?: pg.PoolClient, done?: (release?: unknown) => void) => void;

/**
 * A pool whose connections take on the scope of the code that checks them out. The owner's and
 * the walled connections are two pools, so a request that checks its key as the owner and then
 * reads walled switches no connection's role: each pool holds up to `max` connections.
 */
export class TenantScopedPool extends pg.Pool {
  private readonly walled: pg.Pool;

  constructor(config: pg.PoolConfig) {
    super(config);
    this.walled = new pg.Pool(config);
    this.walled.on("error", (e) => this.emit("error", e));
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const tenants = scope.getStore();
    const checkedOut = tenants === undefined ? (super.connect() as Promise<pg.PoolClient>) : this.walledConnect(tenants);
    if (!callback) return checkedOut;
    checkedOut.then(
      (client) => callback(undefined, client, (release?: unknown) => client.release(release as Error | boolean | undefined)),
      (e: Error) => callback(e),
    );
  }

  private async walledConnect(tenants: string): Promise<pg.PoolClient> {
    const client = await this.walled.connect();
    try {
      await applyScope(client, tenants);
      return client;
    } catch (e) {
      client.release(e as Error); // a connection in an unknown state is not given back to the pool
      throw e;
    }
  }

  override async end(): Promise<void> {
    await Promise.all([super.end(), this.walled.end()]);
  }
}
