import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Context } from "../../src/context.ts";
import { createSession, type Role } from "../../src/staff/index.ts";
import { tables } from "../../src/store/index.ts";

export interface TestSession {
  userId: string;
  email: string;
  /** Headers for a read. */
  cookie: { cookie: string };
  /** Headers for a change: the cookie and the CSRF token. */
  write: { cookie: string; "x-csrf-token": string };
}

/**
 * A staff user granted as given, logged in with the second factor already given: for testing
 * what a session may do, not how one logs in (test/staff covers that).
 */
export async function staffSession(ctx: Context, grants: Array<[slug: string, role: Role]>, opts: { email?: string } = {}): Promise<TestSession> {
  const userId = randomUUID();
  const email = opts.email ?? `${userId.slice(0, 8)}@staff.test`;
  const now = ctx.clock.now();
  await ctx.db.insert(tables.staffUsers).values({ userId, email, name: email, passwordHash: "-", passwordChangedAt: now, createdAt: now, totpEnabledAt: now, totpSecret: "-" });
  for (const [slug, role] of grants) {
    const [tenant] = await ctx.db.select().from(tables.tenants).where(eq(tables.tenants.slug, slug));
    await ctx.db.insert(tables.staffGrants).values({ tenantId: tenant!.tenantId, userId, role, grantedAt: now, grantedBy: "test" });
  }
  const session = await createSession(ctx, userId, { secondFactorGiven: true });
  const cookie = `registru_session=${session.token}`;
  return { userId, email, cookie: { cookie }, write: { cookie, "x-csrf-token": session.csrfToken } };
}
