import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAudit } from "../../src/audit/index.ts";
import { createBreach, notifyBreach } from "../../src/breaches/index.ts";
import type { Context } from "../../src/context.ts";
import { recordConsent, withdrawConsent } from "../../src/consent/index.ts";
import { buildServer } from "../../src/http/server.ts";
import { createSmtpMailer } from "../../src/mail/index.ts";
import { applyManifest, getOrganisation, loadExampleOrganisations } from "../../src/organisations/index.ts";
import { getRequest, submitRequest, verifyRequest } from "../../src/requests/index.ts";
import { addStaff, CLI_ACTOR, grantStaff } from "../../src/staff/index.ts";
import { breachFixture } from "../breaches/fixtures.ts";
import { hasChromium, launchChromium } from "../helpers/browser.ts";
import { backend, openTestDatabase, silentLog, type TestDatabase } from "../helpers/database.ts";
import { cleanManifest, loadObject } from "../helpers/manifests.ts";
import { codeIn, startSmtp, type TestSmtp } from "../helpers/smtp.ts";
import { ensureAdminBuild, runningClock, SCREENSHOTS, seriousViolations, totpAt } from "./admin-world.ts";

const EMAIL = "dana@dpo-firm.example";
const NEW_PASSWORD = "Correct-Horse-Battery-9";
const SUBJECT = "ana.popescu@example.com";

describe.skipIf(!hasChromium)(`admin app in Chromium (Registru on ${backend})`, () => {
  let t: TestDatabase;
  let ctx: Context;
  // Real time: the browser drops a session cookie whose expiry has passed by its own clock.
  const clock = runningClock(new Date().toISOString());
  let smtp: TestSmtp;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let base: string;
  let browser: Browser;
  let page: Page;
  let temporaryPassword: string;
  let requestId: string;
  const errors: string[] = [];

  beforeAll(async () => {
    await ensureAdminBuild();
    t = await openTestDatabase();
    ctx = t.ctx(clock);
    smtp = await startSmtp();
    const mailer = createSmtpMailer({ url: smtp.url, from: "registru@dpo-firm.example", log: silentLog });
    await loadExampleOrganisations(ctx);
    const added = await addStaff(ctx, { email: EMAIL, name: "Dana Ionescu", slug: "eldrive", role: "admin" }, CLI_ACTOR, { existing: "refuse" });
    temporaryPassword = added.temporaryPassword!;
    await grantStaff(ctx, "sentosa", EMAIL, "dpo", CLI_ACTOR);
    await grantStaff(ctx, "promedia", EMAIL, "auditor", CLI_ACTOR);
    await applyManifest(ctx, loadObject(cleanManifest()), { slug: "exemplu", appliedBy: "test" });
    await grantStaff(ctx, "exemplu", EMAIL, "dpo", CLI_ACTOR);

    // A breach the DPO learnt of 23 hours ago: 49 of its 72 hours are left.
    const awareAt = new Date(clock.now().getTime() - 23 * 3_600_000).toISOString();
    await createBreach(ctx, "eldrive", breachFixture({ title: "Charging-session export left on a public bucket", aware_at: awareAt, occurred_at: "unknown" }), "staff:dana@dpo-firm.example");
    // A lawyer's access request for a client: the subject's code is confirmed, the proof waits for staff (S4-16).
    const { request } = await submitRequest(
      ctx,
      "eldrive",
      {
        right: "access",
        language: "en",
        subject: { email: SUBJECT, name: "Ana Popescu" },
        representative: { name: "Jelena Petrović", relationship: "lawyer", proof: { reference: "Power of attorney 7/2026", sha256: createHash("sha256").update("proof").digest("hex") } },
      },
      { actor: "subject", public: true, mailer },
    );
    requestId = request.entryId;
    // Two more: one past its 72 hours, one already notified.
    const hoursAgo = (h: number) => new Date(clock.now().getTime() - h * 3_600_000).toISOString();
    await createBreach(ctx, "eldrive", breachFixture({ title: "Lost laptop of a support agent", aware_at: hoursAgo(80), occurred_at: "unknown", delay_reason: "The laptop's loss was reported by the agent's manager only after the weekend." }), "staff:dana@dpo-firm.example");
    const told = await createBreach(ctx, "eldrive", breachFixture({ title: "Invoice e-mailed to the wrong customer", aware_at: hoursAgo(30), occurred_at: "unknown", risk: { likelihood: "limited", severity: "limited" } }), "staff:dana@dpo-firm.example");
    await notifyBreach(ctx, "eldrive", told.entryId, { to: "authority", phase: "initial", channel: "online_form", reference: "ANSPDCP 1234/2026" }, "staff:dana@dpo-firm.example");
    await verifyRequest(ctx, "eldrive", requestId, codeIn(smtp.to(SUBJECT).at(-1)!), { actor: "subject", mailer });
    const textHash = createHash("sha256").update("marketing").digest("hex");
    for (const [id, decision] of [["c-101", "given"], ["c-102", "given"], ["c-103", "refused"]] as const) {
      await recordConsent(ctx, "eldrive", { consentId: id, purposes: ["direct_marketing"], decision, textHash, language: "ro", method: "banner_custom" });
    }
    await withdrawConsent(ctx, "eldrive", "c-102", ["direct_marketing"], "preference_centre");

    app = await buildServer({ ctx, database: t.database, version: "test", mailer });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, bypassCSP: true, locale: "en-GB" });
    page.setDefaultTimeout(10_000);
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      // A 4xx answer the page expects (a wrong code, a refused action) is logged by Chromium as a failed load.
      if (m.type() === "error" && !/status of 4\d\d/.test(m.text())) errors.push(m.text());
    });
    if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await smtp?.close();
    await t?.drop();
  });

  const shoot = async (name: string) => {
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  };
  const heading = (name: string | RegExp) => page.getByRole("heading", { level: 1, name }).waitFor();

  it("logs in with the one-time password, enrols TOTP from the secret shown, changes the password, and logs in again with a code", async () => {
    await page.goto(`${base}/admin?lang=en`);
    await heading("Log in");
    expect(await seriousViolations(page), "login").toEqual([]);
    await page.getByLabel("E-mail address").fill(EMAIL);
    await page.getByLabel("Password").fill("wrong password 123");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByRole("alert").getByText("The e-mail address or the password is wrong.").waitFor();
    await page.getByLabel("Password").fill(temporaryPassword);
    await page.getByRole("button", { name: "Log in" }).click();

    // An administrator must enrol a second factor before anything else.
    await heading("Set up two-factor authentication");
    await page.getByRole("button", { name: "Show the secret" }).click();
    const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(await page.getByText(/^otpauth:\/\/totp\//).textContent()).toContain(`secret=${secret}`);
    expect(await seriousViolations(page), "enrolment").toEqual([]);
    await page.getByLabel("Code from the authenticator app").fill(totpAt(secret, clock.now()));
    await page.getByRole("button", { name: "Confirm" }).click();

    await heading("Change your password");
    expect(await seriousViolations(page), "password change").toEqual([]);
    await page.getByLabel("Current password").fill(temporaryPassword);
    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("New password again").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Change the password" }).click();
    await heading("What is due");

    await page.getByRole("button", { name: "Log out" }).click();
    await heading("Log in");
    await page.getByLabel("E-mail address").fill(EMAIL);
    await page.getByLabel("Password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await heading("Two-factor authentication");
    expect(await seriousViolations(page), "second factor").toEqual([]);
    // The code used for the enrolment cannot be used again: the next step's can.
    clock.advance(30_000);
    await page.getByLabel("Code from the authenticator app").fill("000000");
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.getByRole("alert").getByText(/The code is wrong/).waitFor();
    await page.getByLabel("Code from the authenticator app").fill(totpAt(secret, clock.now()));
    await page.getByRole("button", { name: "Confirm" }).click();
    await heading("What is due");
  });

  it("shows on the dashboard what is due across the three organisations, in English and in Romanian", async () => {
    const breaches = page.getByRole("region", { name: "Breach clocks (72 hours)" });
    await breaches.getByRole("link", { name: "breach-2026-001" }).waitFor();
    await page.getByRole("region", { name: "Requests by deadline" }).getByRole("link", { name: requestId }).waitFor();
    const organisations = page.getByRole("region", { name: "Organisations" });
    for (const name of ["EMOBILITY CHARGING S.R.L.", "SC SENTOSA IMPEX SRL", "Promedia d.o.o."]) await organisations.getByRole("link", { name }).waitFor();
    expect(await page.getByRole("region", { name: "Processors and DPAs" }).getByText("dpa_missing").count()).toBeGreaterThan(0);
    expect(await page.getByRole("option").allTextContents()).toEqual(expect.arrayContaining(["EMOBILITY CHARGING S.R.L. (administrator)", "SC SENTOSA IMPEX SRL (DPO)", "Promedia d.o.o. (auditor)"]));
    expect(await seriousViolations(page), "dashboard").toEqual([]);
    await shoot("dashboard");

    await page.getByLabel("Language").selectOption("ro");
    await heading("Ce urmează");
    expect(await page.getAttribute("html", "lang")).toBe("ro");
    await page.getByRole("region", { name: "Termene incidente (72 de ore)" }).getByRole("link", { name: "breach-2026-001" }).waitFor();
    expect(await seriousViolations(page), "dashboard in Romanian").toEqual([]);
    await page.getByLabel("Limba").selectOption("en");
    await heading("What is due");
  });

  it("S4-16 takes the request from the queue to completion: accepts the representative, pauses, resumes and completes with the answer letter", async () => {
    await page.getByRole("combobox", { name: "Organisation" }).selectOption("eldrive");
    await heading("Request queue");
    expect(new URL(page.url()).pathname).toBe("/admin/o/eldrive/requests");
    expect(await seriousViolations(page), "queue").toEqual([]);
    await page.getByRole("link", { name: requestId }).click();
    await heading(`Request ${requestId}`);
    const state = page.getByTestId("request-state");
    expect(await state.textContent()).toBe("verifying");
    await page.getByText("Jelena Petrović (lawyer), Power of attorney 7/2026").waitFor();
    expect(await seriousViolations(page), "request detail").toEqual([]);

    await page.getByRole("button", { name: "Accept the representative" }).click();
    await page.getByTestId("request-state").getByText("in progress").waitFor();
    await page.getByText("No execution plan yet.").waitFor();

    const pause = page.getByRole("form", { name: "Pause the clock" });
    await pause.getByLabel("Reason").fill("Waiting for the client's account number from the lawyer");
    await pause.getByRole("button", { name: "Pause the clock" }).click();
    await page.getByTestId("request-state").getByText("paused").waitFor();
    const resume = page.getByRole("form", { name: "Resume" });
    await resume.getByLabel("Reason").fill("The lawyer sent the account number");
    await resume.getByRole("button", { name: "Resume" }).click();
    await page.getByTestId("request-state").getByText("in progress").waitFor();
    await shoot("request-detail");

    const complete = page.getByRole("form", { name: "Complete and send the answer" });
    await complete.getByLabel("What to tell the subject (optional)").fill("We hold your charging account and your charging sessions; the package follows by post.");
    await complete.getByRole("button", { name: "Complete and send the answer" }).click();
    await page.getByTestId("request-state").getByText("done").waitFor();
    await page.getByRole("link", { name: /letter_sent/ }).waitFor();
    expect(await seriousViolations(page), "request done").toEqual([]);

    const detail = await getRequest(ctx, "eldrive", requestId);
    expect(detail.state).toBe("done");
    expect(detail.timeline.filter((e) => e.actor === `staff:${EMAIL}`).map((e) => e.kind)).toEqual(["representative_accepted", "paused", "resumed", "completed", "letter_sent"]);
    const letter = smtp.to(SUBJECT).at(-1)!;
    expect(letter.text).toContain("We hold your charging account and your charging sessions");
    const { tenant } = await getOrganisation(ctx, "eldrive");
    expect(await verifyAudit(ctx.db, tenant.tenantId)).toMatchObject({ ok: true });
  });

  it("shows the breach register with the 72-hour clock counting down", async () => {
    await page.getByRole("navigation", { name: "Organisation" }).getByRole("link", { name: "Breaches" }).click();
    await heading("Breach register");
    const timer = page.getByRole("timer", { name: "Time left until the authority must be notified: breach-2026-001" });
    const first = await timer.textContent();
    expect(first).toMatch(/^\d+d \d+h \d{2}m \d{2}s left$/);
    await expect.poll(async () => timer.textContent(), { timeout: 5_000 }).not.toBe(first);
    const [, d, h] = /^(\d+)d (\d+)h/.exec(first!)!;
    // Aware 23 hours before the test started: 48 and some hours are left.
    expect(Number(d) * 24 + Number(h)).toBe(48);
    expect(await page.getByRole("link", { name: "CSV" }).getAttribute("href")).toBe("/api/v1/organisations/eldrive/breaches.csv");
    expect(await seriousViolations(page), "breach register").toEqual([]);
    await shoot("breaches");

    await page.getByRole("link", { name: "breach-2026-001" }).click();
    await heading("Breach breach-2026-001");
    await page.getByRole("timer").waitFor();
    expect(await seriousViolations(page), "breach detail").toEqual([]);
  });

  it("finds a subject's consent by id and shows the statistics by purpose", async () => {
    await page.getByRole("navigation", { name: "Organisation" }).getByRole("link", { name: "Consent" }).click();
    await heading("Consent");
    const stats = page.getByRole("region", { name: "Statistics by purpose" });
    await stats.getByRole("cell", { name: /direct_marketing/ }).waitFor();
    expect(await stats.getByRole("row").nth(1).textContent()).toContain("1 / 1 / 1 / 0");
    await page.getByLabel("Consent id").fill("c-102");
    await page.getByRole("button", { name: "Search" }).click();
    const history = page.getByRole("region", { name: "History" });
    await history.getByText("preference_centre").waitFor();
    expect(await seriousViolations(page), "consent").toEqual([]);
    await shoot("consent");
  });

  it("shows the manifest in force with its lint findings inline, and refuses to apply it while lint finds errors", async () => {
    await page.getByRole("navigation", { name: "Organisation" }).getByRole("link", { name: "Manifest" }).click();
    await heading("Manifest");
    await page.getByText(/^2 errors, \d+ warnings$/).waitFor();
    expect(await page.getByRole("button", { name: "Apply as a new policy version" }).isDisabled()).toBe(true);
    expect(await page.getByRole("table", { name: "Lint findings of the policies in force" }).getByRole("row").count()).toBeGreaterThan(2);
    expect(await seriousViolations(page), "manifest").toEqual([]);
    await shoot("manifest");
  });

  it("edits a manifest with lint inline, applies it as version 2, and shows the diff between the versions", async () => {
    await page.getByRole("combobox", { name: "Organisation" }).selectOption("exemplu");
    await page.getByRole("navigation", { name: "Organisation" }).getByRole("link", { name: "Manifest" }).click();
    await heading("Manifest");
    await page.getByText("0 errors, 0 warnings").waitFor();
    const editor = page.getByLabel("Manifest (YAML)", { exact: true });
    const source = await editor.inputValue();
    // Without the DPO section lint finds an error, and the manifest cannot be applied.
    await editor.fill(source.replace(/^dpo:\n(  .*\n)+/m, ""));
    await page.getByRole("button", { name: "Check" }).click();
    await page.getByText(/^[1-9]\d* errors, \d+ warnings$/).waitFor();
    await page.getByRole("cell", { name: "dpo-missing" }).waitFor();
    expect(await page.getByRole("button", { name: "Apply as a new policy version" }).isDisabled()).toBe(true);

    await editor.fill(source.replace("Str. Exemplu 1", "Str. Exemplu 2"));
    await page.getByRole("button", { name: "Check" }).click();
    await page.getByText("0 errors, 0 warnings").waitFor();
    await page.getByRole("button", { name: "Apply as a new policy version" }).click();
    await page.getByText("Applied: version 2 is now in force.").waitFor();
    expect((await getOrganisation(ctx, "exemplu")).version).toMatchObject({ version: 2, appliedBy: `staff:${EMAIL}` });

    await page.getByRole("navigation", { name: "Organisation" }).getByRole("link", { name: "Notices" }).click();
    await heading("Notices and policy versions");
    await page.getByRole("cell", { name: "v2 ✓" }).waitFor();
    await page.getByLabel("From version").selectOption("1");
    await page.getByLabel("To version").selectOption("2");
    await page.getByRole("button", { name: "Compare" }).click();
    await page.getByRole("cell", { name: "controller_changed" }).waitFor();
    expect(await seriousViolations(page), "diff").toEqual([]);
    await page.getByRole("combobox", { name: "Organisation" }).selectOption("eldrive");
    await heading("Request queue");
  });

  it.each([
    ["Registers", "Registers"],
    ["Notices", "Notices and policy versions"],
    ["Retention", "Retention"],
  ])("opens %s without serious accessibility violations", async (link, title) => {
    await page.getByRole("navigation", { name: "Organisation" }).getByRole("link", { name: link }).click();
    await heading(title);
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Loading…" }).count()).toBe(0);
    if (link === "Notices") await page.frameLocator("iframe").getByRole("heading", { level: 1 }).waitFor();
    if (link === "Registers") await page.getByRole("table", { name: "Controller record" }).waitFor();
    expect(await seriousViolations(page), link).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("creates a legal hold on a subject from the retention page and releases it", async () => {
    await page.getByRole("navigation", { name: "Organisation" }).getByRole("link", { name: "Retention" }).click();
    await heading("Retention");
    const form = page.getByRole("form", { name: "New legal hold" });
    await form.getByLabel("Subject's e-mail address").fill("ion.ionescu@example.com");
    await form.getByLabel("Reason").fill("Court case 123/3/2026 at the Bucharest Tribunal");
    await form.getByLabel("Or kept after the proceedings end (e.g. P5Y)").fill("P5Y");
    await form.getByRole("button", { name: "Create the hold" }).click();
    const holds = page.getByRole("table", { name: "Legal holds" });
    await holds.getByRole("cell", { name: "email: ion.ionescu@example.com" }).waitFor();
    expect(await holds.getByRole("row").nth(1).textContent()).toContain("active");
    expect(await seriousViolations(page), "holds").toEqual([]);
    await holds.getByRole("button", { name: /^Release legal_hold-/ }).click();
    await holds.getByRole("cell", { name: "released" }).waitFor();
  });

  it("loads a deep link directly and keeps the session", async () => {
    await page.goto(`${base}/admin/o/eldrive/requests/${requestId}`);
    await heading(`Request ${requestId}`);
    await page.getByTestId("request-state").getByText("done").waitFor();
    expect(errors).toEqual([]);
  });
});
