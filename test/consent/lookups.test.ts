import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentConsent, recordConsent } from "../../src/consent/index.ts";
import { lookupCurrentState } from "../../src/consent/lookups.ts";
import { applyManifest, getOrganisation } from "../../src/organisations/index.ts";
import { withTenantScope } from "../../src/store/index.ts";
import { backend, onPostgres, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { loadObject } from "../helpers/manifests.ts";
import { statementsDuring } from "../helpers/statements.ts";
import { given, withConsentActivity } from "./fixtures.ts";

describe(`coalesced consent lookups on ${backend}`, () => {
  let t: TestDatabase;
  const organisation = async (slug: string) => {
    await applyManifest(t.ctx(), loadObject(withConsentActivity("newsletter")), { slug, appliedBy: "test" });
    return (await getOrganisation(t.ctx(), slug)).tenant.tenantId;
  };

  beforeAll(async () => {
    t = await openTestDatabase();
    await organisation("coalesce");
    for (let i = 0; i < 20; i++) await recordConsent(t.ctx(), "coalesce", given(`c-${i}`, i % 2 ? { decision: "refused" } : {}));
  });
  afterAll(() => t.drop());

  it("answers each of many lookups at once with its own subject's state", async () => {
    const ids = [...Array.from({ length: 20 }, (_, i) => `c-${i}`), "c-3", "nobody"];
    const answers = await Promise.all(ids.map((id) => currentConsent(t.ctx(), "coalesce", id)));
    answers.forEach((states, i) => {
      const n = Number(ids[i]!.slice(2));
      if (Number.isNaN(n)) return expect(states).toEqual([]);
      expect(states.map((s) => [s.purpose, s.decision])).toEqual([["newsletter", n % 2 ? "refused" : "given"]]);
    });
  });

  it.runIf(onPostgres)("reads lookups that arrive while one is read in one query", async () => {
    const sent = await statementsDuring(() => Promise.all(Array.from({ length: 20 }, (_, i) => lookupCurrentState(t.database.db, "coalesce", `c-${i}`))));
    const reads = sent.filter((s) => s.includes('"consent_state"'));
    // The first goes alone; the 19 that queued meanwhile go together.
    expect(reads).toHaveLength(2);
  });

  it("refuses an unknown organisation, alone or among others", async () => {
    const [unknown, known] = await Promise.allSettled([currentConsent(t.ctx(), "no-such-org", "c-1"), currentConsent(t.ctx(), "coalesce", "c-1")]);
    expect(unknown).toMatchObject({ status: "rejected", reason: { code: "organisation_not_found", status: 404 } });
    expect(known).toMatchObject({ status: "fulfilled" });
  });

  it.runIf(onPostgres)("never groups a lookup with one behind another tenant wall", async () => {
    const mine = (await getOrganisation(t.ctx(), "coalesce")).tenant.tenantId;
    const theirs = await organisation("coalesce-other");
    const [inside, outside] = await Promise.all([
      withTenantScope([mine], () => lookupCurrentState(t.database.db, "coalesce", "c-0")),
      withTenantScope([theirs], () => lookupCurrentState(t.database.db, "coalesce", "c-0")),
    ]);
    expect(inside?.states).toHaveLength(1);
    // Behind the other organisation's wall, this one's row does not exist.
    expect(outside).toBeUndefined();
  });
});
