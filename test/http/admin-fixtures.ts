import { eq } from "drizzle-orm";
import { createApiKey } from "../../src/apikeys/index.ts";
import type { Clock } from "../../src/clock.ts";
import type { Context } from "../../src/context.ts";
import { buildServer, type ServerDeps } from "../../src/http/server.ts";
import type { LoadedManifest } from "../../src/manifest/index.ts";
import { applyManifest } from "../../src/organisations/index.ts";
import { addStaff, CLI_ACTOR, createSession, grantStaff, type Role } from "../../src/staff/index.ts";
import { tables } from "../../src/store/index.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/database.ts";

/** A logged-in staff user's headers: the cookie for every call, the CSRF token for changes. */
export interface StaffLogin {
  userId: string;
  cookie: { cookie: string };
  /** Headers for a change (POST, PUT, PATCH, DELETE) made with the session. */
  write: { cookie: string; "x-csrf-token": string };
}

export interface AdminFixture {
  t: TestDatabase;
  ctx: Context;
  app: Awaited<ReturnType<typeof buildServer>>;
  /** An account granted these roles, past its first login (password changed, second factor given where needed). */
  staff(email: string, grants: Array<[slug: string, role: Role]>): Promise<StaffLogin>;
  /** The Authorization header with an API key of the organisation. */
  key(slug: string): Promise<{ authorization: string }>;
  close(): Promise<void>;
}

/** A server on a fresh database with the organisations applied, and staff accounts made on demand. */
export async function adminFixture(clock: Clock, organisations: Array<[slug: string, manifest: LoadedManifest]>, deps: Partial<ServerDeps> = {}): Promise<AdminFixture> {
  const t = await openTestDatabase();
  const ctx = t.ctx(clock);
  for (const [slug, manifest] of organisations) await applyManifest(ctx, manifest, { slug, appliedBy: "test" });
  const app = await buildServer({ ctx, database: t.database, version: "test", ...deps });
  return {
    t,
    ctx,
    app,
    async staff(email, grants) {
      const [[slug, role], ...more] = grants as [[string, Role], ...Array<[string, Role]>];
      const added = await addStaff(ctx, { email, name: email.split("@")[0], slug, role }, CLI_ACTOR, { existing: "refuse" });
      for (const [s, r] of more) await grantStaff(ctx, s, email, r, CLI_ACTOR);
      const userId = added.member.userId;
      // As after the first login: the temporary password changed and, for an admin, an authenticator enrolled.
      await ctx.db
        .update(tables.staffUsers)
        .set({ mustChangePassword: false, ...(grants.some(([, r]) => r === "admin") && { totpSecret: "JBSWY3DPEHPK3PXP", totpEnabledAt: clock.now() }) })
        .where(eq(tables.staffUsers.userId, userId));
      const session = await createSession(ctx, userId, { secondFactorGiven: true });
      const cookie = `registru_session=${session.token}`;
      return { userId, cookie: { cookie }, write: { cookie, "x-csrf-token": session.csrfToken } };
    },
    key: async (slug) => ({ authorization: `Bearer ${(await createApiKey(ctx, slug, { name: "test" })).key}` }),
    close: async () => {
      await app.close();
      await t.drop();
    },
  };
}
