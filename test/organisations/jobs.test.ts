import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.ts";
import { startQueue } from "../../src/jobs/queue.ts";
import { applyManifest, findLintFindings, getOrganisation, lintRefreshJob } from "../../src/organisations/index.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { cleanManifest, loadObject } from "../helpers/manifests.ts";

describe(`nightly lint refresh through the queue on ${backend}`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase();
  });
  afterAll(() => t.drop());

  it("re-lints the policy in force as of the clock and keeps the findings", async () => {
    await applyManifest(t.ctx(), loadObject(cleanManifest()), { slug: "exemplu", appliedBy: "test" });
    // The policy's next review (2027-01-10) has passed by the time the job runs.
    const later = t.ctx(fixedClock("2027-02-01T03:17:00Z"));
    const queue = await startQueue(t.database, later, [lintRefreshJob], { work: true });
    try {
      await queue.send(lintRefreshJob.name);
      const { tenant } = await getOrganisation(later, "exemplu");
      const row = await waitFor(() => findLintFindings(later.db, tenant.tenantId, 1));
      expect(row.warnings).toBe(1);
      expect(row.findings).toEqual([expect.objectContaining({ rule: "document-control", path: "document.next_review" })]);
    } finally {
      await queue.stop();
    }
  });
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("timed out waiting for the job");
}
