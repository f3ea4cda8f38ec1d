import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.ts";
import { consentHistory, preferenceLink, recordConsent, type ConsentRecord } from "../../src/consent/index.ts";
import type { Context } from "../../src/context.ts";
import { buildServer } from "../../src/http/server.ts";
import { applyManifest } from "../../src/organisations/index.ts";
import { hasChromium, launchChromium } from "../helpers/browser.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { loadObject } from "../helpers/manifests.ts";
import { preferenceManifest } from "../helpers/preference-fixtures.ts";
import { ensureWebBuild } from "../helpers/web-build.ts";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const slug = "exemplu";

/** The organisation's own site, on another origin: the banner, a blocked analytics script that sets _ga, and the widget. */
const sitePage = (registru: string) => `<!doctype html>
<html lang="ro">
<head>
<meta charset="utf-8">
<title>Confidențialitate — Exemplu S.R.L.</title>
<link rel="icon" href="data:,">
<script async src="${registru}/o/${slug}/banner.js"></script>
</head>
<body>
<main>
<h1>Exemplu S.R.L.</h1>
<div id="registru-preferences" data-org="${slug}" data-server="${registru}"></div>
</main>
<script type="text/plain" data-category="analytics">document.cookie = "_ga=GA1.1.42; path=/"</script>
<script defer src="${registru}/o/${slug}/preferences.js"></script>
</body>
</html>`;

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: number;
}

async function seriousViolations(page: Page, include?: string): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations: AxeViolation[] = await page.evaluate(async (selector) => {
    const axe = (globalThis as unknown as { axe: { run(context?: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: unknown[] }> }> } }).axe;
    const result = await axe.run(selector ? { include: [selector] } : undefined);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  }, include);
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}, ${v.nodes} nodes)`);
}

describe.skipIf(!hasChromium)(`preference centre in Chromium on ${backend}`, () => {
  let t: TestDatabase;
  let ctx: Context;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let registru: string;
  let site: Server;
  let siteUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    await ensureWebBuild();
    t = await openTestDatabase();
    ctx = t.ctx(fixedClock("2026-11-23T10:00:00Z"));
    app = await buildServer({ ctx, database: t.database, version: "test" });
    registru = await app.listen({ port: 0, host: "127.0.0.1" });
    site = createServer((req, res) => {
      if (req.url !== "/") return void res.writeHead(404).end();
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(sitePage(registru));
    });
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    const manifest = preferenceManifest([siteUrl]);
    // The banner refuses to run under a policy that sets marketing cookies without consent.
    manifest.cookies = manifest.cookies.filter((c: { category: string }) => c.category !== "marketing");
    await applyManifest(ctx, loadObject(manifest), { slug, appliedBy: "test" });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    await app?.close();
    await t?.drop();
  });

  async function open(url: string) {
    // The page's CSP allows its own script only; axe-core is injected by the test.
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(`${m.text()} ${m.location().url}`));
    await page.goto(url);
    return { page, errors };
  }

  /** The banner's beacon is asynchronous: wait until the ledger holds `n` records. */
  async function ledger(consentId: string, n: number): Promise<ConsentRecord[]> {
    for (let i = 0; i < 100; i++) {
      const records = await consentHistory(ctx, slug, consentId);
      if (records.length >= n) return records;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the ledger did not receive ${n} records`);
  }

  it("S4-11 from a signed link (e-mail, account page): untick one of two consents and save; the ledger holds withdrawn (preference_centre) and the page's history shows it", async () => {
    await recordConsent(ctx, slug, { consentId: "customer-7", subjectRef: "crm:7", purposes: ["newsletter", "location"], decision: "given", textHash: "b".repeat(64), language: "ro", method: "form" });
    const { page, errors } = await open(await preferenceLink(ctx, slug, "customer-7", registru));
    expect(await page.getAttribute("html", "lang")).toBe("ro");
    await expect(page.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Opțiunile dumneavoastră privind consimțământul");

    const newsletter = page.getByRole("checkbox", { name: "Newsletter și oferte" });
    const location = page.getByRole("checkbox", { name: "Magazine din apropiere" });
    await newsletter.waitFor();
    expect([await newsletter.isChecked(), await location.isChecked(), await page.getByRole("checkbox", { name: "Statistică" }).isChecked()]).toEqual([true, true, false]);
    expect(await page.getByRole("table").getByRole("row").count()).toBe(3);

    await newsletter.uncheck();
    await page.getByRole("button", { name: "Salvează opțiunile" }).click();
    await page.getByRole("status").filter({ hasText: "Opțiunile dumneavoastră au fost salvate." }).waitFor();

    const records = await consentHistory(ctx, slug, "customer-7");
    expect(records.slice(2).map((r) => [r.purpose, r.decision, r.method, r.subjectRef])).toEqual([["newsletter", "withdrawn", "preference_centre", "crm:7"]]);
    const newest = page.getByRole("table").getByRole("row").nth(1);
    await expect(newest.textContent()).resolves.toMatch(/Newsletter și oferte.*Consimțământ retras.*Centrul de preferințe/);
    expect(await newsletter.isChecked()).toBe(false);
    await expect(page.locator("li", { has: newsletter }).textContent()).resolves.toContain("Consimțământ retras pe");

    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await seriousViolations(page), `at ${width} px`).toEqual([]);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each([
    ["sr", "Vaši izbori o pristanku", "Bilten i ponude", "Sačuvaj izbore"],
    ["sr-Cyrl", "Ваши избори о пристанку", "Билтен и понуде", "Сачувај изборе"],
    ["en", "Your consent choices", "Newsletter and offers", "Save my choices"],
  ])("in %s the page, its purposes and its controls are in that language, without serious accessibility violations", async (lang, title, label, save) => {
    const link = await preferenceLink(ctx, slug, "customer-7", registru, lang as "sr");
    const { page, errors } = await open(link);
    await page.getByRole("checkbox", { name: label }).waitFor();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(title);
    expect(await page.getByRole("button", { name: save }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("embedded on the organisation's site with the banner: accepting analytics sets _ga; withdrawing analytics in the widget clears _ga and the ledger holds withdrawn", async () => {
    const { page, errors } = await open(`${siteUrl}/`);
    const gaCookie = async () => (await page.context().cookies()).some((c) => c.name === "_ga");
    const dialog = page.getByRole("dialog", { name: "Cookie-uri pe acest site" });
    await dialog.waitFor();
    expect(await gaCookie()).toBe(false);
    await dialog.getByRole("button", { name: "Accept toate" }).click();
    await expect.poll(gaCookie, { timeout: 5000 }).toBe(true);
    const consentId = await page.evaluate(() => (window as unknown as { registru: { consentId(): string } }).registru.consentId());
    await ledger(consentId, 1);

    // The widget takes the banner's id and shows the decision just made.
    const analytics = page.getByRole("checkbox", { name: "Statistică" });
    await expect.poll(() => analytics.isChecked(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByRole("heading", { level: 2 }).first().textContent()).toBe("Opțiunile dumneavoastră privind consimțământul");
    expect(await seriousViolations(page, "#registru-preferences")).toEqual([]);

    await analytics.uncheck();
    await page.getByRole("button", { name: "Salvează opțiunile" }).click();
    await page.getByRole("status").filter({ hasText: "Opțiunile dumneavoastră au fost salvate." }).waitFor();
    await expect.poll(gaCookie, { timeout: 5000 }).toBe(false);
    const last = (await consentHistory(ctx, slug, consentId)).at(-1);
    expect(last).toMatchObject({ purpose: "cookie:analytics", decision: "withdrawn", method: "preference_centre" });
    // The banner now holds analytics as refused, so a reload does not set _ga again.
    await page.reload();
    await page.getByRole("checkbox", { name: "Statistică" }).waitFor();
    expect(await page.getByRole("checkbox", { name: "Statistică" }).isChecked()).toBe(false);
    expect(await gaCookie()).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });
});
