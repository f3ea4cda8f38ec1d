import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAudit } from "../../src/audit/index.ts";
import { fixedClock } from "../../src/clock.ts";
import { recordConsent, withdrawConsent } from "../../src/consent/index.ts";
import { applyManifest, getOrganisation } from "../../src/organisations/index.ts";
import { submitRequest } from "../../src/requests/index.ts";
import { tables } from "../../src/store/index.ts";
import { backend } from "../helpers/database.ts";
import { cleanManifest, loadExample, loadObject, newsletterManifest } from "../helpers/manifests.ts";
import { adminFixture, type AdminFixture, type StaffLogin } from "./admin-fixtures.ts";

const textHash = createHash("sha256").update("newsletter").digest("hex");

describe(`admin app API (dashboard, consent statistics, policy versions, manifest, activities) on ${backend}`, () => {
  let f: AdminFixture;
  let dpo: StaffLogin;
  let auditor: StaffLogin;
  let agent: StaffLogin;

  beforeAll(async () => {
    f = await adminFixture(fixedClock("2026-11-23T10:00:00Z"), [
      ["eldrive", loadExample("eldrive")],
      ["sentosa", loadExample("sentosa")],
      ["news", loadObject(newsletterManifest())],
    ]);
    dpo = await f.staff("dpo@firm.example", [["eldrive", "dpo"], ["news", "dpo"]]);
    auditor = await f.staff("auditor@firm.example", [["sentosa", "auditor"], ["news", "auditor"]]);
    agent = await f.staff("agent@firm.example", [["news", "agent"]]);
    await submitRequest(f.ctx, "eldrive", { right: "erasure", channel: "post", enteredBy: "Maria", subject: { email: "ana@example.com" } }, { actor: "test", public: false });
    await submitRequest(f.ctx, "sentosa", { right: "access", channel: "post", enteredBy: "Maria", subject: { email: "ion@example.com" } }, { actor: "test", public: false });
  });
  afterAll(async () => {
    await f?.close();
  });

  describe("GET /api/v1/dashboard", () => {
    it("shows a staff user what is due on the organisations granted, and nothing of the others", async () => {
      const res = await f.app.inject({ method: "GET", url: "/api/v1/dashboard", headers: dpo.cookie });
      expect(res.statusCode).toBe(200);
      const d = res.json();
      expect(d.organisations.map((o: { slug: string }) => o.slug)).toEqual(["eldrive", "news"]);
      expect(d.requests).toEqual([expect.objectContaining({ organisation: "eldrive", id: "request-2026-001", right: "erasure", overdue: false })]);

      const other = (await f.app.inject({ method: "GET", url: "/api/v1/dashboard", headers: auditor.cookie })).json();
      expect(other.organisations.map((o: { slug: string }) => o.slug)).toEqual(["news", "sentosa"]);
      expect(other.requests.map((r: { organisation: string }) => r.organisation)).toEqual(["sentosa"]);
    });

    it("shows an API key its own organisation only", async () => {
      const res = await f.app.inject({ method: "GET", url: "/api/v1/dashboard", headers: await f.key("sentosa") });
      expect(res.statusCode).toBe(200);
      expect(res.json().organisations.map((o: { slug: string }) => o.slug)).toEqual(["sentosa"]);
    });

    it("needs a session or a key (401), and a user with a standing issue gets it as 403", async () => {
      expect((await f.app.inject({ method: "GET", url: "/api/v1/dashboard" })).json().error.code).toBe("unauthorized");
      const fresh = await f.staff("fresh@firm.example", [["news", "agent"]]);
      await f.ctx.db.update(tables.staffUsers).set({ mustChangePassword: true }).where(eq(tables.staffUsers.userId, fresh.userId));
      const res = await f.app.inject({ method: "GET", url: "/api/v1/dashboard", headers: fresh.cookie });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe("password_change_required");
    });
  });

  describe("GET /api/v1/organisations/:slug/consent-statistics", () => {
    beforeAll(async () => {
      const give = (consentId: string, decision: "given" | "refused") => recordConsent(f.ctx, "news", { consentId, purposes: ["newsletter"], decision, textHash, language: "ro", method: "banner_custom" });
      await give("c-1", "given");
      await give("c-2", "given");
      await give("c-3", "refused");
      await withdrawConsent(f.ctx, "news", "c-2", ["newsletter"], "preference_centre");
    });

    it("counts current decisions and records per purpose, never naming a subject", async () => {
      const res = await f.app.inject({ method: "GET", url: "/api/v1/organisations/news/consent-statistics?lang=ro", headers: auditor.cookie });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        policyVersion: 1,
        subjects: 3,
        purposes: [
          {
            purpose: "newsletter",
            name: "Newsletter",
            inForce: true,
            current: { given: 1, refused: 1, withdrawn: 1, expired: 0 },
            records: { given: 2, refused: 1, withdrawn: 1, expired: 0 },
          },
        ],
      });
      expect(res.body).not.toContain("c-1");
    });

    it("is refused on an organisation the user is not granted (403) and counts nothing for a policy without consent purposes", async () => {
      const res = await f.app.inject({ method: "GET", url: "/api/v1/organisations/eldrive/consent-statistics", headers: auditor.cookie });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe("forbidden");
      const mine = await f.app.inject({ method: "GET", url: "/api/v1/organisations/sentosa/consent-statistics", headers: auditor.cookie });
      expect(mine.statusCode).toBe(200);
      expect(mine.json().subjects).toBe(0);
    });
  });

  describe("policy versions, diff and the manifest", () => {
    const v2 = () => {
      const m = newsletterManifest();
      m.activities[1].recipients = ["courier"];
      return stringify(m);
    };

    it("applies a clean manifest as the next version (dpo), lists the versions and tells what changed", async () => {
      const res = await f.app.inject({ method: "PUT", url: "/api/v1/organisations/news/manifest", headers: { ...dpo.write, "content-type": "application/yaml" }, payload: v2() });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ version: 2, created: true, lint: { errors: 0 } });
      const again = await f.app.inject({ method: "PUT", url: "/api/v1/organisations/news/manifest", headers: { ...dpo.write, "content-type": "application/yaml" }, payload: v2() });
      expect(again.json()).toMatchObject({ version: 2, created: false });

      const versions = (await f.app.inject({ method: "GET", url: "/api/v1/organisations/news/policy-versions", headers: auditor.cookie })).json().versions;
      expect(versions.map((v: { version: number; appliedBy: string }) => [v.version, v.appliedBy])).toEqual([
        [2, "staff:dpo@firm.example"],
        [1, "test"],
      ]);
      const diff = await f.app.inject({ method: "GET", url: "/api/v1/organisations/news/policy-versions/1/diff/2", headers: auditor.cookie });
      expect(diff.statusCode).toBe(200);
      expect(diff.json()).toMatchObject({ from: 1, to: 2, summary: { reconsent: true, activitiesNeedingReconsent: ["newsletter"] } });
      expect(diff.json().changes).toContainEqual(expect.objectContaining({ kind: "recipient_added", impact: "reconsent" }));
      const missing = await f.app.inject({ method: "GET", url: "/api/v1/organisations/news/policy-versions/1/diff/9", headers: auditor.cookie });
      expect([missing.statusCode, missing.json().error.code]).toEqual([404, "version_not_found"]);

      const source = (await f.app.inject({ method: "GET", url: "/api/v1/organisations/news/manifest", headers: auditor.cookie })).json();
      expect(source).toEqual({ version: 2, sourceFile: "news.yaml", source: v2() });
      const { tenant } = await getOrganisation(f.ctx, "news");
      expect(await verifyAudit(f.ctx.db, tenant.tenantId)).toMatchObject({ ok: true });
    });

    it("refuses a manifest with lint errors (422 with the findings) and stores nothing", async () => {
      const m = cleanManifest();
      delete m.dpo;
      const res = await f.app.inject({ method: "PUT", url: "/api/v1/organisations/news/manifest", headers: { ...dpo.write, "content-type": "application/yaml" }, payload: stringify(m) });
      expect(res.statusCode).toBe(422);
      const body = res.json();
      expect(body.error.code).toBe("manifest_has_errors");
      expect(body.error.details.errors).toBeGreaterThan(0);
      expect(body.error.details.findings).toContainEqual(expect.objectContaining({ severity: "error", line: expect.any(Number) }));
      const broken = await f.app.inject({ method: "PUT", url: "/api/v1/organisations/news/manifest", headers: { ...dpo.write, "content-type": "application/yaml" }, payload: "organisation: [unclosed" });
      expect([broken.statusCode, broken.json().error.code]).toEqual([422, "manifest_invalid"]);
      const versions = (await f.app.inject({ method: "GET", url: "/api/v1/organisations/news/policy-versions", headers: dpo.cookie })).json().versions;
      expect(versions[0].version).toBe(2);
    });

    it("lets only a role with manage apply, and a session change needs the CSRF token", async () => {
      const asAuditor = await f.app.inject({ method: "PUT", url: "/api/v1/organisations/news/manifest", headers: { ...auditor.write, "content-type": "application/yaml" }, payload: v2() });
      expect([asAuditor.statusCode, asAuditor.json().error.code]).toEqual([403, "forbidden"]);
      const asAgent = await f.app.inject({ method: "PUT", url: "/api/v1/organisations/news/manifest", headers: { ...agent.write, "content-type": "application/yaml" }, payload: v2() });
      expect(asAgent.statusCode).toBe(403);
      const noCsrf = await f.app.inject({ method: "PUT", url: "/api/v1/organisations/news/manifest", headers: { ...dpo.cookie, "content-type": "application/yaml" }, payload: v2() });
      expect([noCsrf.statusCode, noCsrf.json().error.code]).toEqual([403, "csrf_failed"]);
      const otherOrg = await f.app.inject({ method: "PUT", url: "/api/v1/organisations/sentosa/manifest", headers: { ...dpo.write, "content-type": "application/yaml" }, payload: v2() });
      expect(otherOrg.statusCode).toBe(403);
    });
  });

  describe("the record of processing activities", () => {
    it("answers the Art. 30 rows of the policy in force as JSON, and exports them", async () => {
      const res = await f.app.inject({ method: "GET", url: "/api/v1/organisations/eldrive/activities?lang=en", headers: dpo.cookie });
      expect(res.statusCode).toBe(200);
      const ropa = res.json();
      expect(ropa.policyVersion).toBe(1);
      expect(ropa.controller.length).toBeGreaterThan(0);
      expect(ropa.controller[0]).toHaveLength(ropa.controllerColumns.length);
      const csv = await f.app.inject({ method: "GET", url: "/api/v1/organisations/eldrive/ropa.csv?lang=en", headers: dpo.cookie });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers["content-type"]).toContain("text/csv");
      expect(csv.body).toContain(ropa.controller[0][0]);
      const pdf = await f.app.inject({ method: "GET", url: "/api/v1/organisations/eldrive/ropa.pdf", headers: dpo.cookie });
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
      expect((await f.app.inject({ method: "GET", url: "/api/v1/organisations/eldrive/activities", headers: auditor.cookie })).statusCode).toBe(403);
    });
  });
});

describe(`admin app with a second organisation applied later on ${backend}`, () => {
  it("a grant on an organisation without requests or breaches still gets an empty dashboard entry", async () => {
    const f = await adminFixture(fixedClock("2026-11-23T10:00:00Z"), [["clean", loadObject(cleanManifest())]]);
    try {
      await applyManifest(f.ctx, loadObject(cleanManifest()), { slug: "clean-two", appliedBy: "test" });
      const user = await f.staff("solo@firm.example", [["clean-two", "auditor"]]);
      const d = (await f.app.inject({ method: "GET", url: "/api/v1/dashboard", headers: user.cookie })).json();
      expect(d.organisations).toEqual([{ slug: "clean-two", name: "Exemplu S.R.L.", policyVersion: 1, lintErrors: 0, lintWarnings: expect.any(Number), openRequests: 0, overdueRequests: 0, openBreaches: 0 }]);
      expect([d.requests, d.breaches, d.retentionRuns]).toEqual([[], [], []]);
    } finally {
      await f.close();
    }
  });
});
