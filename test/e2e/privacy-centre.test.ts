import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAudit } from "../../src/audit/index.ts";
import { createExecutor, executionLock } from "../../src/execution/index.ts";
import { buildServer } from "../../src/http/server.ts";
import { startQueue, type Queue } from "../../src/jobs/queue.ts";
import { getOrganisation } from "../../src/organisations/index.ts";
import { getRequest, listRequests } from "../../src/requests/index.ts";
import { openDemoWorld, type DemoWorld } from "../execution/fixtures.ts";
import { hasChromium, launchChromium } from "../helpers/browser.ts";
import { backend } from "../helpers/database.ts";
import { codeIn } from "../helpers/smtp.ts";
import { ensureWebBuild } from "../helpers/web-build.ts";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const ANA = "ana.popescu@example.com";

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations: Array<{ id: string; impact: string | null; nodes: number }> = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: unknown[] }> }> } }).axe;
    return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}, ${v.nodes} nodes)`);
}

describe.skipIf(!hasChromium)(`privacy centre in Chromium, executed by the worker on the PostgreSQL and MariaDB demo databases (Registru on ${backend})`, () => {
  let w: DemoWorld;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let queue: Queue;
  let registru: string;
  let browser: Browser;

  beforeAll(async () => {
    await ensureWebBuild();
    w = await openDemoWorld();
    const executor = createExecutor(w.ctx(), { ...w.deps, lock: executionLock(w.t.database.kind) });
    queue = await startQueue(w.t.database, w.ctx(), executor.jobs, { work: true });
    executor.bind(queue);
    app = await buildServer({ ctx: w.ctx(), database: w.t.database, version: "test", mailer: w.mailer, execution: executor, packages: w.deps.packages, env: w.env });
    registru = await app.listen({ port: 0, host: "127.0.0.1" });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await queue?.stop();
    await w?.close();
  });

  async function open(path: string) {
    // The page's CSP allows its own script only; axe-core is injected by the test.
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(`${m.text()} ${m.location().url}`));
    await page.goto(`${registru}${path}`);
    return { page, errors };
  }

  it("S4-15 a subject asks for erasure, confirms with the e-mailed code, the worker erases on both databases keeping the payments, and the letter says what was erased, what was kept and why", async () => {
    const { page, errors } = await open("/o/eldrive/privacy-centre?lang=en");
    await page.getByRole("heading", { level: 1, name: "Your rights over your personal data" }).waitFor();
    await page.getByRole("radio", { name: "Erasure (“right to be forgotten”)" }).waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("en");
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await seriousViolations(page), `form at ${width} px`).toEqual([]);
    }

    // An empty address is refused in the page, next to the field.
    await page.getByRole("radio", { name: "Erasure (“right to be forgotten”)" }).check();
    await page.getByRole("button", { name: "Send the request" }).click();
    await expect(page.getByRole("textbox", { name: "E-mail address" }).getAttribute("aria-invalid")).resolves.toBe("true");
    await page.getByRole("textbox", { name: "E-mail address" }).fill(ANA);
    await page.getByRole("textbox", { name: "Full name (optional)" }).fill("Ana Popescu");
    await page.getByRole("button", { name: "Send the request" }).click();

    await page.getByRole("heading", { name: "Confirm your request" }).waitFor();
    const address = new URL(page.url());
    const id = address.searchParams.get("request")!;
    expect(id).toMatch(/^request-2026-\d{3}$/);
    expect(address.searchParams.get("token")).toMatch(/^[A-Za-z0-9_-]{27}$/);
    expect(await seriousViolations(page), "code step").toEqual([]);
    await page.getByRole("textbox", { name: "The code from the e-mail" }).fill(codeIn(w.smtp.to(ANA).at(-1)!));
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.getByRole("heading", { name: "Your request" }).waitFor();

    // The verification put the request in the queue; the worker runs it.
    await expect.poll(async () => (await getRequest(w.ctx(), "eldrive", id)).state, { timeout: 30_000 }).toBe("done");
    await page.getByRole("button", { name: "Refresh" }).click();
    await page.getByText("Done: we have e-mailed you our answer.").waitFor();
    expect(await seriousViolations(page), "status").toEqual([]);

    for (const db of [w.appDb, w.legacyDb]) {
      expect(await w.rows(db, "select id from charging_sessions where customer_id = 1")).toEqual([]);
      expect((await w.rows(db, "select id from payments where customer_id = 1 order by id")).map((r) => Number(r.id))).toEqual([1, 2]);
      const [ana] = await w.rows(db, "select email, full_name, phone, home_address from customers where id = 1");
      expect(ana).toMatchObject({ phone: null, home_address: null, email: expect.stringMatching(/^[0-9a-f]{64}$/), full_name: expect.stringMatching(/^[0-9a-f]{64}$/) });
    }

    const letter = w.smtp.to(ANA).at(-1)!;
    expect(letter.subject).toBe(`EMOBILITY CHARGING S.R.L.: answer to your request no. ${id.replace("request-", "")}`);
    expect(letter.text).toContain("We erased or anonymised your data, except the data we must keep, listed below with the reason.");
    for (const system of ["app_db", "legacy_db"]) {
      expect(letter.text).toContain(`${system}.charging_sessions | 3 | erased: 3 | 0`);
      expect(letter.text).toContain(`${system}.customers | 1 | anonymised: 1 | 0`);
      expect(letter.text).toContain(`We keep the records in ${system}.payments (2) because a law requires us to keep them: Accounting and tax law (the policy does not name the acts) (5 years from the later of contract end and payment settlement).`);
    }
    expect(letter.text).toContain("lodge a complaint with the supervisory authority (GDPR Art. 77): National Supervisory Authority for Personal Data Processing (ANSPDCP)");
    expect(letter.attachments[0]!.filename).toBe(`${id}-response.pdf`);

    const detail = await getRequest(w.ctx(), "eldrive", id);
    expect(detail.timeline.map((e) => e.kind)).toEqual(["created", "received", "code_sent", "verified", "execution_planned", "outcome_recorded", "outcome_recorded", "recipients_notified", "completed", "letter_sent"]);
    expect(detail.timeline.map((e) => e.actor)).toEqual(["subject", "subject", "subject", "subject", "registru:executor", "registru:executor", "registru:executor", "registru:executor", "registru:executor", "registru:executor"]);
    const { tenant } = await getOrganisation(w.ctx(), "eldrive");
    expect(await verifyAudit(w.ctx().db, tenant.tenantId)).toMatchObject({ ok: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each([
    ["ro", "Drepturile dumneavoastră privind datele personale", "Ștergere („dreptul de a fi uitat”)", "Trimite cererea"],
    ["sr", "Vaša prava u vezi sa podacima o ličnosti", "Brisanje", "Pošalji zahtev"],
    ["sr-Cyrl", "Ваша права у вези са подацима о личности", "Брисање", "Пошаљи захтев"],
  ])("in %s the form offers every right in that language, without serious accessibility violations", async (lang, title, erasure, submit) => {
    const { page, errors } = await open(`/o/eldrive/privacy-centre?lang=${lang}`);
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await page.getByRole("radio", { name: erasure }).waitFor();
    expect(await page.getByRole("radio").count()).toBe(9);
    await page.getByRole("radio", { name: erasure }).check();
    expect(await page.getByRole("button", { name: submit }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("S4-16 a representative's request carries the proof's fingerprint, not the document, and waits for staff before anything is executed", async () => {
    const { page, errors } = await open("/o/eldrive/privacy-centre?lang=en");
    await page.getByRole("radio", { name: "Access to my data" }).check();
    await page.getByRole("textbox", { name: "E-mail address" }).fill("marko.petrovic@example.com");
    await page.getByRole("checkbox", { name: "I am making this request on behalf of someone else" }).check();
    await page.getByRole("textbox", { name: "Your name (the representative)" }).fill("Jelena Petrović");
    await page.getByRole("textbox", { name: "Your capacity (for example: lawyer, parent, guardian)" }).fill("lawyer");
    await page.getByRole("textbox", { name: "The document that authorises you (number, date)" }).fill("Punomoćje 7/2026");
    await page.getByLabel("A copy of the document").setInputFiles({ name: "punomocje.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4 power of attorney") });
    expect(await seriousViolations(page), "representative fields").toEqual([]);
    await page.getByRole("button", { name: "Send the request" }).click();
    await page.getByRole("heading", { name: "Confirm your request" }).waitFor();
    await page.getByRole("textbox", { name: "The code from the e-mail" }).fill(codeIn(w.smtp.to("marko.petrovic@example.com").at(-1)!));
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.getByText("Waiting for the code from the e-mail (or for the authorisation to be checked).").waitFor();
    const [queued] = (await listRequests(w.ctx(), "eldrive", { state: "verifying" })).filter((r) => r.right === "access");
    const stored = (await getRequest(w.ctx(), "eldrive", queued!.id)).request.representative!;
    const { createHash } = await import("node:crypto");
    expect(stored).toMatchObject({ name: "Jelena Petrović", relationship: "lawyer", proof: { reference: "Punomoćje 7/2026", sha256: createHash("sha256").update("%PDF-1.4 power of attorney").digest("hex") } });
    expect(errors).toEqual([]);
    await page.close();
  });
});
