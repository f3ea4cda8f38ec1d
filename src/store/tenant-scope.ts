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
type ScopedClient = pg.PoolClient & { [applied]?: string };
const OWNER = "\u0000owner";

async function applyScope(client: ScopedClient): Promise<void> {
  const wanted = scope.getStore() ?? OWNER;
  if ((client[applied] ?? OWNER) === wanted) return;
  // `role` is the setting SET ROLE changes; one round trip sets both, and undoes both.
  if (wanted === OWNER) await client.query("select set_config('role', 'none', false), set_config('registru.tenants', '', false)");
  else await client.query("select set_config('role', 'registru_staff', false), set_config('registru.tenants', $1, false)", [wanted]);
  client[applied] = wanted;
}

type ConnectCallback = (err: Error | undefined, client?: pg.PoolClient, done?: (release?: unknown) => void) => void;

/** A pool whose connections take on the scope of the code that checks them out. */
export class TenantScopedPool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: ConnectCallback): void;
  override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
    const scoped = (super.connect() as Promise<pg.PoolClient>).then(async (client) => {
      try {
        await applyScope(client);
        return client;
      } catch (e) {
        client.release(e as Error); // a connection in an unknown state is not given back to the pool
        throw e;
      }
    });
    if (!callback) return scoped;
    scoped.then(
      (client) => callback(undefined, client, (release?: unknown) => client.release(release as Error | boolean | undefined)),
      (e: Error) => callback(e),
    );
  }
}
