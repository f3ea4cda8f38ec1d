import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addStaff,
  authenticateSession,
  changeRole,
  CLI_ACTOR,
  createFirstAdmin,
  createSession,
  grantStaff,
  listAllStaff,
  listStaff,
  login,
  resetPassword,
  resetTotp,
  revokeGrant,
  standingIssues,
  type StaffActor,
} from "../../src/staff/index.ts";
import { getOrganisation } from "../../src/organisations/index.ts";
import { tables } from "../../src/store/index.ts";
import { backend } from "../helpers/database.ts";
import { manifestWith, staffFixture, type StaffFixture } from "./helpers.ts";

describe(`staff management on ${backend}`, () => {
  let f: StaffFixture;
  let alpha: string;
  let beta: string;
  beforeAll(async () => {
    f = await staffFixture([
      ["alpha", manifestWith()],
      ["beta", manifestWith()],
    ]);
    alpha = (await getOrganisation(f.ctx, "alpha")).tenant.tenantId;
    beta = (await getOrganisation(f.ctx, "beta")).tenant.tenantId;
  });
  afterAll(() => f.close());

  const alphaAdmin: () => StaffActor = () => ({ name: "staff:boss@alpha.example", installationAdmin: false, manages: [alpha] });

  it("creates an account with a one-time password it must change, granted on the organisation", async () => {
    const added = await addStaff(f.ctx, { email: "New.Person@Alpha.example", name: "New Person", slug: "alpha", role: "dpo" }, alphaAdmin(), { existing: "grant" });
    expect(added).toMatchObject({ created: true, member: { email: "new.person@alpha.example", mustChangePassword: true, totpEnabled: false } });
    const { session } = await login(f.ctx, "new.person@alpha.example", added.temporaryPassword!);
    expect(standingIssues(await authenticateSession(f.ctx, session.token), f.clock.now())).toEqual(["password_change_required"]);
    const listed = await listStaff(f.ctx, "alpha");
    expect(listed.find((m) => m.email === "new.person@alpha.example")).toMatchObject({ role: "dpo", grantedBy: "staff:boss@alpha.example" });
    expect(JSON.stringify(listed)).not.toMatch(/argon2|passwordHash|totpSecret/);
  });

  it("grants an existing account by e-mail without a new password, and refuses a second grant", async () => {
    const added = await addStaff(f.ctx, { email: "new.person@alpha.example", slug: "beta", role: "auditor" }, CLI_ACTOR, { existing: "grant" });
    expect(added).toMatchObject({ created: false });
    expect(added.temporaryPassword).toBeUndefined();
    await expect(grantStaff(f.ctx, "beta", "new.person@alpha.example", "agent", CLI_ACTOR)).rejects.toMatchObject({ code: "already_granted", status: 409 });
    await expect(addStaff(f.ctx, { email: "new.person@alpha.example", name: "x", slug: "beta", role: "agent" }, CLI_ACTOR, { existing: "refuse" })).rejects.toMatchObject({ code: "staff_user_exists" });
  });

  it("checks its input: e-mail, role, name, and who may make an installation administrator", async () => {
    await expect(addStaff(f.ctx, { email: "not-an-email", name: "x", slug: "alpha", role: "dpo" }, CLI_ACTOR, { existing: "refuse" })).rejects.toMatchObject({ code: "invalid_email", status: 400 });
    await expect(addStaff(f.ctx, { email: "r@alpha.example", name: "x", slug: "alpha", role: "owner" }, CLI_ACTOR, { existing: "refuse" })).rejects.toMatchObject({ code: "invalid_role" });
    await expect(addStaff(f.ctx, { email: "r@alpha.example", slug: "alpha", role: "dpo" }, CLI_ACTOR, { existing: "refuse" })).rejects.toMatchObject({ code: "invalid_name" });
    await expect(addStaff(f.ctx, { email: "r@alpha.example", name: "x" }, CLI_ACTOR, { existing: "refuse" })).rejects.toMatchObject({ code: "grant_required" });
    await expect(addStaff(f.ctx, { email: "r@alpha.example", name: "x", slug: "alpha", role: "admin", installationAdmin: true }, alphaAdmin(), { existing: "refuse" })).rejects.toMatchObject({ code: "forbidden", status: 403 });
    await expect(addStaff(f.ctx, { email: "r@alpha.example", name: "x", slug: "nowhere", role: "dpo" }, CLI_ACTOR, { existing: "refuse" })).rejects.toMatchObject({ code: "organisation_not_found" });
  });

  it("changes roles and revokes grants, but never leaves an organisation without an admin", async () => {
    const a = await f.user("only.admin@alpha.example", "alpha", "admin");
    const ref = { userId: a.userId };
    await expect(changeRole(f.ctx, "alpha", ref, "dpo", CLI_ACTOR)).rejects.toMatchObject({ code: "last_admin", status: 409 });
    await expect(revokeGrant(f.ctx, "alpha", ref, CLI_ACTOR)).rejects.toMatchObject({ code: "last_admin" });
    const b = await f.user("second.admin@alpha.example", "alpha", "agent");
    await changeRole(f.ctx, "alpha", { email: "second.admin@alpha.example" }, "admin", CLI_ACTOR);
    await changeRole(f.ctx, "alpha", ref, "dpo", CLI_ACTOR);
    await revokeGrant(f.ctx, "alpha", ref, CLI_ACTOR);
    expect((await listStaff(f.ctx, "alpha")).map((m) => m.email)).not.toContain("only.admin@alpha.example");
    await expect(revokeGrant(f.ctx, "alpha", ref, CLI_ACTOR)).rejects.toMatchObject({ code: "staff_user_not_found", status: 404 });
    await expect(changeRole(f.ctx, "beta", { userId: b.userId }, "dpo", CLI_ACTOR)).rejects.toMatchObject({ code: "staff_user_not_found" });
    const audit = await f.ctx.db.select().from(tables.auditEvents).where(eq(tables.auditEvents.entityId, a.userId));
    expect(audit.map((e) => e.action)).toEqual(["staff.created", "staff.role_changed", "staff.revoked"]);
    expect(audit[1]!.details).toEqual({ from: "admin", to: "dpo" });
  });

  it("resets a password and a second factor, ending the user's sessions; an organisation's admin only for its own people", async () => {
    const own = await f.user("own@alpha.example", "alpha", "agent");
    const session = await createSession(f.ctx, own.userId, { secondFactorGiven: true });
    const reset = await resetPassword(f.ctx, { userId: own.userId }, alphaAdmin(), { slug: "alpha" });
    await expect(authenticateSession(f.ctx, session.token)).rejects.toMatchObject({ code: "unauthorized" });
    await expect(login(f.ctx, "own@alpha.example", own.password)).rejects.toMatchObject({ code: "invalid_credentials" });
    await login(f.ctx, "own@alpha.example", reset.temporaryPassword);
    await resetTotp(f.ctx, { userId: own.userId }, alphaAdmin(), { slug: "alpha" });

    // A consultant who also works for beta: alpha's admin must not be able to take the account over.
    const shared = await f.user("consultant@firm.example", "alpha", "dpo");
    await grantStaff(f.ctx, "beta", "consultant@firm.example", "dpo", CLI_ACTOR);
    await expect(resetPassword(f.ctx, { userId: shared.userId }, alphaAdmin(), { slug: "alpha" })).rejects.toMatchObject({ code: "account_shared", status: 403 });
    await expect(resetTotp(f.ctx, { userId: shared.userId }, alphaAdmin(), { slug: "alpha" })).rejects.toMatchObject({ code: "account_shared" });
    await resetPassword(f.ctx, { userId: shared.userId }, { ...alphaAdmin(), manages: [alpha, beta] }, { slug: "alpha" });
    // Named through an organisation the user is not on: not found.
    await expect(resetPassword(f.ctx, { userId: own.userId }, CLI_ACTOR, { slug: "beta" })).rejects.toMatchObject({ code: "staff_user_not_found", status: 404 });
  });

  it("creates the first administrator once, an admin of every example organisation", async () => {
    const empty = await staffFixture([
      ["one", manifestWith()],
      ["two", manifestWith()],
    ]);
    try {
      const first = await createFirstAdmin(empty.ctx, ["one", "two"]);
      expect(first).toMatchObject({ email: "admin@registru.local" });
      expect(await createFirstAdmin(empty.ctx, ["one", "two"])).toBeUndefined();
      const [admin] = await listAllStaff(empty.ctx);
      expect(admin).toMatchObject({ email: "admin@registru.local", installationAdmin: true, mustChangePassword: true, grants: [{ slug: "one", role: "admin" }, { slug: "two", role: "admin" }] });
      const { session } = await login(empty.ctx, "admin@registru.local", first!.temporaryPassword);
      expect(standingIssues(await authenticateSession(empty.ctx, session.token), empty.clock.now())).toEqual(["totp_enrolment_required", "password_change_required"]);
    } finally {
      await empty.close();
    }
  });
});
