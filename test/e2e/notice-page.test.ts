import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../src/clock.ts";
import { buildServer } from "../../src/http/server.ts";
import { loadExampleOrganisations } from "../../src/organisations/index.ts";
import { launchChromium } from "../helpers/browser.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: number;
}

describe(`published notice pages in Chromium on ${backend}`, () => {
  let t: TestDatabase;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await openTestDatabase();
    const ctx = t.ctx(fixedClock("2026-11-23T10:00:00Z"));
    await loadExampleOrganisations(ctx);
    app = await buildServer({ ctx, database: t.database, version: "test" });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.drop();
  });

  const pages = [
    ["eldrive", "ro"],
    ["eldrive", "en"],
    ["promedia", "sr"],
    ["promedia", "sr-Cyrl"],
    ["impro-media", "ro"],
    ["sentosa", "ro"],
    ["registratura", "en"],
  ] as const;

  /** Desktop and a small phone: tables scroll sideways only on the narrow one, so both are checked. */
  const viewports = [
    { width: 1280, height: 900 },
    { width: 375, height: 740 },
  ] as const;

  const runAxe = (page: Page): Promise<AxeViolation[]> =>
    page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: unknown[] }> }> } }).axe;
      return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });

  it.each(pages)("%s notice in %s renders without errors and has no serious accessibility violations at 1280 and 375 px", async (slug, lang) => {
    const page = await browser.newPage({ viewport: viewports[0] });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    const response = await page.goto(`${base}/o/${slug}/privacy/${lang}.html`);
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute("html", "lang")).toBe(lang === "sr" ? "sr-Latn" : lang);
    expect(await page.locator("h1").count()).toBe(1);
    await page.addScriptTag({ content: axeSource });
    for (const viewport of viewports) {
      await page.setViewportSize(viewport);
      const violations = await runAxe(page);
      const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious, `${slug}/${lang} at ${viewport.width} px: ${serious.map((v) => `${v.id} (${v.impact}, ${v.nodes} nodes)`).join(", ")}`).toEqual([]);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it("makes tables that overflow a phone screen keyboard-scrollable, named regions", async () => {
    const page = await browser.newPage({ viewport: viewports[1] });
    await page.goto(`${base}/o/impro-media/privacy/ro.html`);
    const wrappers = await page.locator("div.table").evaluateAll((els) =>
      els.map((el) => ({
        role: el.getAttribute("role"),
        tabindex: el.getAttribute("tabindex"),
        label: document.getElementById(el.getAttribute("aria-labelledby") ?? "")?.tagName,
        overflows: el.scrollWidth > el.clientWidth,
      })),
    );
    expect(wrappers.length).toBeGreaterThan(0);
    expect(wrappers.some((w) => w.overflows), "at least one table scrolls at 375 px").toBe(true);
    for (const w of wrappers) expect(w).toMatchObject({ role: "region", tabindex: "0", label: "CAPTION" });
    await page.close();
  });

  it("prints to PDF from the browser as well (print stylesheet)", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/o/eldrive/privacy/en.html`);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("nav").isVisible()).toBe(false);
    await page.close();
  });

  it("prints the longest notice to a sensible number of A4 pages, tables not clipped", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/o/impro-media/privacy/ro.html`);
    await page.emulateMedia({ media: "print" });
    // In print, no table is cut off by its scroll box.
    const clipped = await page.locator("div.table").evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1).length);
    expect(clipped).toBe(0);
    expect(await page.locator("thead").first().evaluate((el) => getComputedStyle(el).display)).toBe("table-header-group");
    const pdf = await page.pdf({ format: "A4", printBackground: false });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
    console.info(`impro-media ro prints to ${pages} A4 pages`);
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(pages).toBeLessThanOrEqual(14);
    await page.close();
  });
});
