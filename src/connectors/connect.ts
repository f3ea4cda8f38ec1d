import { systemClock, type Clock } from "../clock.ts";
import { RegistruError } from "../errors.ts";
import { systemUrl, type Environment } from "./env.ts";
import { httpEndpoint, type HttpEndpoint } from "./http.ts";
import type { SqlDriver } from "./sql/driver.ts";
import { mysqlDriver } from "./sql/mysql.ts";
import { postgresDriver } from "./sql/postgres.ts";
import { sqliteDriver } from "./sql/sqlite.ts";
import { findSystem, isSqlKind, type SystemSpec } from "./systems.ts";

/** The organisation's systems, connected lazily (a system is opened when first used), closed together. */
export interface Systems {
  readonly specs: readonly SystemSpec[];
  readonly clock: Clock;
  spec(systemId: string): SystemSpec;
  sql(systemId: string): SqlDriver;
  http(systemId: string): HttpEndpoint;
  close(): Promise<void>;
}

export interface OpenSystemsOptions {
  /** Where `${NAME}` in urls is looked up; the process environment by default. */
  env?: Environment;
  clock?: Clock;
}

export function openSystems(specs: readonly SystemSpec[], opts: OpenSystemsOptions = {}): Systems {
  const env = opts.env ?? process.env;
  const drivers = new Map<string, SqlDriver>();
  const spec = (id: string) => findSystem(specs, id);
  return {
    specs,
    clock: opts.clock ?? systemClock,
    spec,
    sql(id) {
      const existing = drivers.get(id);
      if (existing) return existing;
      const s = spec(id);
      if (!isSqlKind(s.kind)) throw new RegistruError("connector_unsupported", `system "${id}" is ${s.kind}, not an SQL database`, 400);
      const url = systemUrl(s, env);
      const driver = s.kind === "postgres" ? postgresDriver(id, url) : s.kind === "sqlite" ? sqliteDriver(id, url) : mysqlDriver(id, url);
      drivers.set(id, driver);
      return driver;
    },
    http(id) {
      const s = spec(id);
      if (s.kind !== "http") throw new RegistruError("connector_unsupported", `system "${id}" is ${s.kind}, not an HTTP endpoint`, 400);
      return httpEndpoint(s, env);
    },
    async close() {
      const all = [...drivers.values()];
      drivers.clear();
      await Promise.allSettled(all.map((d) => d.close()));
    },
  };
}
