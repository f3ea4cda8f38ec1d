import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadDemoDatabase } from "../../examples/demo-db/load.ts";
import type { ExecutionDeps } from "../../src/execution/index.ts";
import { applyManifest } from "../../src/organisations/index.ts";
import { submitRequest, verifyRequest, type RequestInput } from "../../src/requests/index.ts";
import { organisationMariadb, organisationPostgres, query, type OrganisationDatabase } from "../connectors/helpers/databases.ts";
import { loadExample, loadObject } from "../helpers/manifests.ts";
import { openWorld, type Organisation, type World } from "../requests/fixtures.ts";

export const ANA = "ana.popescu@example.com";
export const MARKO = "marko.petrovic@example.com";

/** Eldrive's manifest with an address for Ampeco, so one Art. 19 notice goes by e-mail and the others become tasks. */
export function eldriveWithProcessorContact() {
  const m = structuredClone(loadExample("eldrive").manifest) as Record<string, any>;
  m.processors.find((p: { id: string }) => p.id === "ampeco").contact = { email: "privacy@ampeco.example" };
  return loadObject(m, "eldrive.yaml");
}

export interface DemoWorld extends World {
  /** Eldrive's `app_db` (PostgreSQL) and `legacy_db` (MariaDB), created and filled by examples/demo-db. */
  appDb: OrganisationDatabase;
  legacyDb: OrganisationDatabase;
  env: Record<string, string>;
  packagesDir: string;
  deps: ExecutionDeps;
  /** A request made in the privacy centre and confirmed with the e-mailed code. */
  verified(input: RequestInput, slug?: string): Promise<string>;
  rows(db: OrganisationDatabase, sql: string): Promise<Record<string, unknown>[]>;
}

/** A Registru database with Eldrive (and others), the demo databases filled fresh, a real SMTP server and a packages directory. */
export async function openDemoWorld(opts: { orgs?: Organisation[]; manifest?: ReturnType<typeof loadObject> } = {}): Promise<DemoWorld> {
  const w = await openWorld(opts.orgs ?? ["eldrive"]);
  if (opts.manifest) await applyManifest(w.ctx(), opts.manifest, { slug: "eldrive", appliedBy: "test" });
  const appDb = await organisationPostgres();
  const legacyDb = await organisationMariadb();
  await loadDemoDatabase(appDb.url);
  await loadDemoDatabase(legacyDb.url);
  const env = { ELDRIVE_DATABASE_URL: appDb.url, ELDRIVE_LEGACY_DATABASE_URL: legacyDb.url };
  const packagesDir = mkdtempSync(join(tmpdir(), "registru-packages-"));
  const deps: ExecutionDeps = { mailer: w.mailer, env, packages: { dir: packagesDir, publicUrl: "http://registru.test" } };
  return {
    ...w,
    appDb,
    legacyDb,
    env,
    packagesDir,
    deps,
    async verified(input, slug = "eldrive") {
      const { request } = await submitRequest(w.ctx(), slug, input, { actor: "subject", public: true, mailer: w.mailer });
      await verifyRequest(w.ctx(), slug, request.entryId, w.latestCode(input.subject.email), { actor: "subject", mailer: w.mailer });
      return request.entryId;
    },
    rows: (db, sql) => query(db.url, sql),
    async close() {
      await w.close();
      await appDb.drop();
      await legacyDb.drop();
      rmSync(packagesDir, { recursive: true, force: true });
    },
  };
}
