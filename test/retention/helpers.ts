import { fixedClock } from "../../src/clock.ts";
import type { Context } from "../../src/context.ts";
import { applyManifest } from "../../src/organisations/index.ts";
import { organisationMariadb, organisationPostgres, query, type OrganisationDatabase } from "../connectors/helpers/databases.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { cleanManifest, loadObject } from "../helpers/manifests.ts";

/** The organisation's own databases: real PostgreSQL and MariaDB servers in both suite passes. */
export const orgDatabases = { postgres: organisationPostgres, mariadb: organisationMariadb } as const;
export type OrgKind = keyof typeof orgDatabases;

/** Registru's store (PGlite or PostgreSQL, as the pass says) and one organisation database. */
export interface World {
  t: TestDatabase;
  org: OrganisationDatabase;
  kind: OrgKind;
  env: Record<string, string>;
  /** A context whose clock reads this instant. */
  at(instant: string): Context;
  /** Applies a manifest with one system, `app`, holding `tables`, and the given activities. */
  apply(activities: Array<Record<string, unknown>>, tables: Record<string, unknown>, slug?: string): Promise<void>;
  rows(sql: string): Promise<Record<string, unknown>[]>;
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

export async function openWorld(kind: OrgKind): Promise<World> {
  const [t, org] = await Promise.all([openTestDatabase(), orgDatabases[kind]()]);
  const env = { APP_URL: org.url };
  const rows = (sql: string) => query(org.url, sql);
  return {
    t,
    org,
    kind,
    env,
    at: (instant) => t.ctx(fixedClock(instant)),
    async apply(activities, tables, slug = "exemplu") {
      await applyManifest(t.ctx(fixedClock("2020-01-01T00:00:00Z")), loadObject(manifestWith(activities, { id: "app", kind: kind === "postgres" ? "postgres" : "mariadb", url: "${APP_URL}", tables })), { slug, appliedBy: "test" });
    },
    rows,
    count: async (table) => Number((await rows(`select count(*) as n from ${table}`))[0]!.n),
    close: async () => {
      await Promise.all([t.drop(), org.drop()]);
    },
  };
}

/** The clean manifest with these activities (each gets the usual fields) and one system. */
export function manifestWith(activities: Array<Record<string, unknown>>, system: Record<string, unknown>) {
  const m = cleanManifest();
  const base = m.activities[0];
  m.activities = activities.map((a) => ({ ...base, name: { en: String(a.id), ro: String(a.id) }, ...a }));
  m.systems = [system];
  return m;
}

/** SQL types that read the same on both servers. */
export const stamp = (kind: OrgKind) => (kind === "postgres" ? "timestamp" : "datetime");
