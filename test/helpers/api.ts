import { createApiKey } from "../../src/apikeys/index.ts";
import type { Clock } from "../../src/clock.ts";
import { buildServer } from "../../src/http/server.ts";
import type { LoadedManifest } from "../../src/manifest/index.ts";
import { applyManifest } from "../../src/organisations/index.ts";
import { openTestDatabase, type TestDatabase } from "./database.ts";

export interface ApiFixture {
  t: TestDatabase;
  app: Awaited<ReturnType<typeof buildServer>>;
  /** The Authorization header with an API key of the organisation. */
  auth(slug: string): { authorization: string };
  close(): Promise<void>;
}

/** A server on a fresh database with the given organisations applied, each with an API key. */
export async function apiFixture(clock: Clock, organisations: Array<[slug: string, manifest: LoadedManifest]>): Promise<ApiFixture> {
  const t = await openTestDatabase();
  const ctx = t.ctx(clock);
  const keys = new Map<string, string>();
  for (const [slug, manifest] of organisations) {
    await applyManifest(ctx, manifest, { slug, appliedBy: "test" });
    keys.set(slug, (await createApiKey(ctx, slug, { name: "test" })).key);
  }
  const app = await buildServer({ ctx, database: t.database, version: "test" });
  return {
    t,
    app,
    auth: (slug) => ({ authorization: `Bearer ${keys.get(slug) ?? "rk_none_none"}` }),
    close: async () => {
      await app.close();
      await t.drop();
    },
  };
}
