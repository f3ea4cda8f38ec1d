import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
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

  it.each(pages)("%s notice in %s renders without errors and has no serious accessibility violations", async (slug, lang) => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    const response = await page.goto(`${base}/o/${slug}/privacy/${lang}.html`);
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute("html", "lang")).toBe(lang === "sr" ? "sr-Latn" : lang);
    expect(await page.locator("h1").count()).toBe(1);
    await page.addScriptTag({ content: axeSource });
    const violations = (await page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: unknown[] }> }> } }).axe;
      return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    })) satisfies AxeViolation[];
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical"), JSON.stringify(violations)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("prints to PDF from the browser as well (print stylesheet)", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/o/eldrive/privacy/en.html`);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("nav").isVisible()).toBe(false);
    await page.close();
  });
});
