import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/apikeys/index.ts";
import { consentHistory, recordConsent } from "../../src/consent/index.ts";
import { executeRequest, findExecution } from "../../src/execution/index.ts";
import { buildServer } from "../../src/http/server.ts";
import { applyManifest } from "../../src/organisations/index.ts";
import { completeRequest, decideRepresentative, getRequest, submitRequest, verifyRequest } from "../../src/requests/index.ts";
import { backend } from "../helpers/database.ts";
import { loadExample, loadObject } from "../helpers/manifests.ts";
import { DAY } from "../requests/fixtures.ts";
import { ANA, eldriveWithProcessorContact, MARKO, openDemoWorld, type DemoWorld } from "./fixtures.ts";

const ION = "ion.ionescu@example.com";
const ELENA = "elena.dumitru@example.com";

describe(`executing each right on the demo databases (Registru on ${backend})`, () => {
  let w: DemoWorld;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let key: string;
  beforeAll(async () => {
    w = await openDemoWorld({ manifest: eldriveWithProcessorContact() });
    app = await buildServer({ ctx: w.ctx(), database: w.t.database, version: "test", mailer: w.mailer, packages: w.deps.packages, env: w.env });
    key = (await createApiKey(w.ctx(), "eldrive", { name: "systems" })).key;
  });
  afterAll(async () => {
    await app?.close();
    await w?.close();
  });
  const auth = () => ({ authorization: `Bearer ${key}` });

  it("access: the letter links a zipped package with JSON per system, CSV per table and a summary from the policy; the link works for 7 days, then 410; downloads are logged", async () => {
    const id = await w.verified({ right: "access", language: "ro", subject: { email: ANA } });
    expect(await executeRequest(w.ctx(), w.deps, "eldrive", id)).toBe("completed");
    const detail = await getRequest(w.ctx(), "eldrive", id);
    expect(detail.request.outcome!.rows).toContainEqual({ system: "legacy_db", table: "charging_sessions", found: 3, exported: 3 });
    const url = detail.request.outcome!.package!.url;
    expect(detail.request.outcome!.package!.expiresAt).toBe("2026-11-30T10:00:00.000Z");
    expect(w.smtp.to(ANA).at(-1)!.text).toContain(`Copia datelor dumneavoastră este disponibilă la adresa ${url}`);

    const path = new URL(url).pathname;
    const res = await app.inject({ method: "GET", url: path });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/zip");
    const zip = await JSZip.loadAsync(res.rawPayload);
    expect(Object.keys(zip.files).sort()).toEqual(
      ["csv/app_db.charging_sessions.csv", "csv/app_db.customers.csv", "csv/app_db.payments.csv", "csv/legacy_db.charging_sessions.csv", "csv/legacy_db.customers.csv", "csv/legacy_db.payments.csv", "json/app_db.json", "json/legacy_db.json", "summary.html"],
    );
    const json = JSON.parse(await zip.file("json/app_db.json")!.async("string"));
    const customers = json.tables.find((t: { table: string }) => t.table === "customers");
    expect(customers.fields).toContainEqual({ name: "full_name", category: "identity.name" });
    expect(customers.rows).toEqual([expect.objectContaining({ full_name: "Ana Popescu", email: ANA, phone: "+40721000001" })]);
    const csv = await zip.file("csv/app_db.payments.csv")!.async("string");
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1).split("\r\n")[0]!.split(",").sort()).toEqual(["amount", "due_date", "invoice_number", "settled_at"]);
    expect(csv).toContain("ELD-2026-00188");
    const summary = await zip.file("summary.html")!.async("string");
    expect(summary).toContain('<html lang="ro">');
    expect(summary).toContain("Contabilitate");
    expect(summary).toContain("5 ani de la încetarea contractului sau achitarea plăților");
    expect(summary).toContain("Ampeco LTD");
    expect(summary).toContain("o obligație legală (GDPR Art. 6(1)(c))");

    // The file is encrypted at rest: the zip's bytes are nowhere in the packages directory.
    const { readdirSync, readFileSync } = await import("node:fs");
    const stored = readdirSync(w.packagesDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile());
    expect(stored).toHaveLength(1);
    expect(readFileSync(`${stored[0]!.parentPath}/${stored[0]!.name}`).includes(Buffer.from("Ana Popescu"))).toBe(false);

    const timeline = (await getRequest(w.ctx(), "eldrive", id)).timeline;
    expect(timeline.at(-1)).toMatchObject({ kind: "package_downloaded", actor: "subject" });
    expect((await app.inject({ method: "GET", url: `${path.slice(0, -3)}abc` })).statusCode).toBe(404);
    w.clock.advance(7 * DAY);
    const expired = await app.inject({ method: "GET", url: path });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe("package_expired");
    w.clock.advance(-7 * DAY);
  });

  it("portability: only the tables of activities on consent or contract, in the same formats", async () => {
    const id = await w.verified({ right: "portability", language: "en", subject: { email: MARKO } });
    expect(await executeRequest(w.ctx(), w.deps, "eldrive", id)).toBe("completed");
    const rows = (await getRequest(w.ctx(), "eldrive", id)).request.outcome!.rows;
    // Payments serve accounting, a legal obligation: not "provided on consent or contract" (Art. 20(1)(a)).
    expect(rows.map((r) => `${r.system}.${r.table}`).sort()).toEqual(["app_db.charging_sessions", "app_db.customers", "legacy_db.charging_sessions", "legacy_db.customers"]);
  });

  it("rectification writes the named fields on both databases, e-mails Art. 19 notices where the policy has an address and makes tasks of the others; the letter names them", async () => {
    const id = await w.verified({ right: "rectification", language: "en", subject: { email: MARKO }, details: { fields: { phone: "+381641999999", home_address: "Knez Mihailova 5, Beograd", shoe_size: "44" } } });
    expect(await executeRequest(w.ctx(), w.deps, "eldrive", id)).toBe("waiting_for_staff");
    for (const db of [w.appDb, w.legacyDb]) {
      expect(await w.rows(db, "select phone, home_address from customers where id = 2")).toEqual([{ phone: "+381641999999", home_address: "Knez Mihailova 5, Beograd" }]);
    }
    const exec = (await findExecution(w.ctx(), "eldrive", id))!.data;
    expect(exec.tasks.filter((t) => t.kind === "rectify_by_hand")).toEqual([{ kind: "rectify_by_hand", target: "request", text: "shoe_size = 44" }]);
    expect(exec.notifications.find((n) => n.id === "ampeco")).toMatchObject({ via: "email", email: "privacy@ampeco.example", sentAt: expect.any(String) });
    expect(exec.notifications.filter((n) => n.via === "task").map((n) => n.id).sort()).toEqual(["authorities", "aws", "group_companies", "payment_providers"]);
    expect(exec.tasks.filter((t) => t.kind === "notify_recipient")).toHaveLength(4);
    const notice = w.smtp.to("privacy@ampeco.example").at(-1)!;
    // In the organisation's language, naming the subject so the processor can find them.
    expect(notice.text).toContain(`În urma cererii persoanei vizate ${id}, EMOBILITY CHARGING S.R.L. a rectificat datele cu caracter personal ale persoanei vizate identificate prin ${MARKO}`);
    expect(notice.text).toContain("Potrivit GDPR Art. 19");

    // A person did the rest; staff complete the request and the letter goes.
    await completeRequest(w.ctx(), "eldrive", id, {}, { actor: "dpo", mailer: w.mailer });
    const letter = w.smtp.to(MARKO).at(-1)!.text;
    expect(letter).toContain("We corrected your data as you asked.");
    expect(letter).toContain("app_db.customers | 1 | rectified: 1 | 0");
    expect(letter).toContain("(GDPR Art. 19): Ampeco LTD; Amazon Web Services Limited;");
  });

  it("restriction marks the subject: the organisation's systems ask GET …/restrictions and learn it, by any identity, however typed", async () => {
    const ask = (q: string) => app.inject({ method: "GET", url: `/api/v1/organisations/eldrive/restrictions?${q}`, headers: auth() });
    expect((await ask(`email=${ION}`)).json()).toEqual({ restricted: false });
    const id = await w.verified({ right: "restriction", language: "ro", subject: { email: ION, phone: "0731 000 003" } });
    expect(await executeRequest(w.ctx(), w.deps, "eldrive", id)).toBe("completed");
    const answer = (await ask(`email=${ION.toUpperCase()}`)).json();
    expect(answer).toMatchObject({ restricted: true, since: expect.any(String), activities: ["accounting", "charging_account", "charging_sessions"] });
    expect((await ask("phone=%2B40731000003")).json().restricted).toBe(true);
    expect((await ask(`email=${ANA}`)).json().restricted).toBe(false);
    expect((await app.inject({ method: "GET", url: `/api/v1/organisations/eldrive/restrictions?email=${ION}` })).statusCode).toBe(401);
    // The rows themselves are untouched.
    expect(await w.rows(w.appDb, "select full_name from customers where id = 3")).toEqual([{ full_name: "Ion Ionescu" }]);
    expect((await getRequest(w.ctx(), "eldrive", id)).request.outcome!.rows).toContainEqual({ system: "app_db", table: "customers", found: 1, restricted: 1 });
  });

  it("withdrawal of consent and objection to direct marketing withdraw through the consent ledger as staff entry for the request; an objection to a purpose on legitimate interests waits for a person", async () => {
    const given = { purposes: ["direct_marketing"], decision: "given" as const, textHash: "a".repeat(64), language: "ro", method: "form" as const };
    await recordConsent(w.ctx(), "eldrive", { consentId: "app-user-4", subjectRef: ELENA, ...given });
    const id = await w.verified({ right: "withdraw_consent", language: "ro", subject: { email: ELENA } });
    expect(await executeRequest(w.ctx(), w.deps, "eldrive", id)).toBe("completed");
    const last = (await consentHistory(w.ctx(), "eldrive", "app-user-4")).at(-1)!;
    expect(last).toMatchObject({ purpose: "direct_marketing", decision: "withdrawn", method: "staff_entry", collectedBy: `registru:request/${id}` });
    expect(w.smtp.to(ELENA).at(-1)!.text).toContain("Am înregistrat retragerea consimțământului dumneavoastră pentru: Newsletter și oferte.");

    await recordConsent(w.ctx(), "eldrive", { consentId: MARKO, ...given });
    const objection = await w.verified({ right: "objection", language: "en", subject: { email: MARKO }, details: { purposes: ["direct_marketing", "statistics"] } });
    expect(await executeRequest(w.ctx(), w.deps, "eldrive", objection)).toBe("waiting_for_staff");
    expect((await consentHistory(w.ctx(), "eldrive", MARKO)).at(-1)).toMatchObject({ decision: "withdrawn", collectedBy: `registru:request/${objection}` });
    expect((await findExecution(w.ctx(), "eldrive", objection))!.data.tasks).toEqual([{ kind: "review_decision", target: "objection", text: "statistics" }]);
    // Run again (the sweep does, every minute): nothing is written twice.
    expect(await executeRequest(w.ctx(), w.deps, "eldrive", objection)).toBe("waiting_for_staff");
    expect((await consentHistory(w.ctx(), "eldrive", MARKO)).filter((r) => r.decision === "withdrawn")).toHaveLength(1);
    expect((await getRequest(w.ctx(), "eldrive", objection)).timeline.filter((e) => e.kind === "execution_waiting_for_staff")).toHaveLength(1);
  });

  it("S4-16 a representative's request is executed only once staff accept the proof", async () => {
    const { request } = await submitRequest(w.ctx(), "eldrive", { right: "erasure", subject: { email: ION }, representative: { name: "Av. Maria Ionescu", relationship: "lawyer", proof: { reference: "împuternicire 12/2026", sha256: "c".repeat(64) } } }, { actor: "subject", public: true, mailer: w.mailer });
    const id = request.entryId;
    await verifyRequest(w.ctx(), "eldrive", id, w.latestCode(ION), { actor: "subject", mailer: w.mailer });
    expect(await executeRequest(w.ctx(), w.deps, "eldrive", id)).toBe("not_in_progress");
    expect(await w.rows(w.appDb, "select count(*)::int as n from charging_sessions where customer_id = 3")).toEqual([{ n: 1 }]);
    await decideRepresentative(w.ctx(), "eldrive", id, { accept: true }, { actor: "dpo", mailer: w.mailer });
    expect(await executeRequest(w.ctx(), w.deps, "eldrive", id)).toBe("completed");
    expect(await w.rows(w.appDb, "select count(*)::int as n from charging_sessions where customer_id = 3")).toEqual([{ n: 0 }]);
    expect(w.smtp.to(ION).at(-1)!.text).toContain("Av. Maria Ionescu");
  });

  it("S0-01 a request about processing done for a client controller is never executed, even if the policy changed after it was verified", async () => {
    const id = await w.verified({ right: "erasure", subject: { email: ANA }, concerns: { activity: "charging_sessions" } });
    const m = structuredClone(loadExample("eldrive").manifest) as Record<string, any>;
    const sessions = m.activities.find((a: { id: string }) => a.id === "charging_sessions");
    Object.assign(sessions, { role: "processor", controllers: ["fleet"] });
    m.clients = [{ id: "fleet", name: "Fleet S.R.L.", contact: { email: "dpo@fleet.example" } }];
    await applyManifest(w.ctx(), loadObject(m, "eldrive.yaml"), { slug: "eldrive", appliedBy: "test" });
    const before = await w.rows(w.appDb, "select count(*)::int as n from charging_sessions");
    await expect(executeRequest(w.ctx(), w.deps, "eldrive", id)).rejects.toMatchObject({ code: "processor_side_request" });
    expect(await w.rows(w.appDb, "select count(*)::int as n from charging_sessions")).toEqual(before);
    expect(await findExecution(w.ctx(), "eldrive", id)).toBeUndefined();

    // Made now, the same request is forwarded at intake and never reaches the executor.
    const { request } = await submitRequest(w.ctx(), "eldrive", { right: "erasure", subject: { email: ANA }, concerns: { activity: "charging_sessions" } }, { actor: "subject", public: true, mailer: w.mailer });
    expect(request.data.state).toBe("forwarded");
    expect(await executeRequest(w.ctx(), w.deps, "eldrive", request.entryId)).toBe("not_in_progress");
    await applyManifest(w.ctx(), eldriveWithProcessorContact(), { slug: "eldrive", appliedBy: "test" });
  });
});
