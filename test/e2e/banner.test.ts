import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { fixedClock } from "../../src/clock.ts";
import { consentHistory, type ConsentRecord } from "../../src/consent/index.ts";
import type { Context } from "../../src/context.ts";
import { buildServer } from "../../src/http/server.ts";
import { applyObject, bannerManifest, twoServiceManifest } from "../banner/fixtures.ts";
import { hasChromium, launchChromium } from "../helpers/browser.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const slug = "exemplu";

/** The organisation's own website, on another origin than Registru, with one blocked analytics script (and more in `extra`). */
const sitePage = (registru: string, org = slug, scriptLang = "", extra = "") => `<!doctype html>
<html lang="ro">
<head>
<meta charset="utf-8">
<title>Exemplu S.R.L.</title>
<script async src="${registru}/o/${org}/banner.js"${scriptLang && ` data-lang="${scriptLang}"`}></script>
</head>
<body>
<main>
<h1>Exemplu S.R.L.</h1>
<p>Pagina principală a organizației.</p>
<template data-category="marketing"><p id="ad">Ofertă</p></template>
</main>
<script type="text/plain" data-category="analytics">window.analyticsRan = true; document.cookie = "_ga=1; path=/"</script>
${extra}
</body>
</html>`;

/** An embedded player and an external analytics script, both held back by category. */
const EMBEDS = `<iframe data-category="marketing" data-src="/frame.html" title="Video"></iframe>
<script type="text/plain" data-category="analytics" data-src="/ext/analytics.js"></script>`;

/** Two analytics services, each held back by its own data-service (the manifest of "servicii" lists both). */
const SERVICES = `<script type="text/plain" data-category="analytics" data-service="google-ireland-ltd">window.googleRan = true</script>
<script type="text/plain" data-category="analytics" data-service="hotjar-ltd">window.hotjarRan = true; document.cookie = "_hjSessionUser_1=1; path=/"</script>`;

/** Analytics cookies a shop page sets on its own paths: without a path (its directory, /shop) and on the page's full path. */
const SHOP_COOKIES = `<script type="text/plain" data-category="analytics">document.cookie = "_ga_SHOP=1"; document.cookie = "_ga=2; path=/shop/cart"</script>`;

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: number;
}

const runAxe = async (page: Page): Promise<AxeViolation[]> => {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: unknown[] }> }> } }).axe;
    return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
};
const serious = (vs: AxeViolation[]) => vs.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}, ${v.nodes} nodes)`);

describe.skipIf(!hasChromium)(`cookie banner on an organisation's website in Chromium on ${backend}`, () => {
  let t: TestDatabase;
  let ctx: Context;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let site: Server;
  let siteUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await openTestDatabase();
    ctx = t.ctx(fixedClock("2026-11-23T10:00:00Z"));
    app = await buildServer({ ctx, database: t.database, version: "test" });
    const registru = await app.listen({ port: 0, host: "127.0.0.1" });
    const pages: Record<string, string> = {
      "/": sitePage(registru),
      "/en": sitePage(registru, slug, "en"),
      "/centred": sitePage(registru, "centrat"),
      "/embeds": sitePage(registru, slug, "", EMBEDS),
      "/shop/cart": sitePage(registru, slug, "", SHOP_COOKIES),
      "/services": sitePage(registru, "servicii", "", SERVICES),
    };
    site = createServer((req, res) => {
      const page = pages[req.url ?? ""];
      if (page) return void res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page);
      if (req.url === "/ext/analytics.js") return void res.writeHead(200, { "content-type": "text/javascript" }).end("window.externalRan = true;");
      if (req.url === "/frame.html") return void res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<!doctype html><title>Video</title><p>Video</p>");
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    await applyObject(ctx, slug, bannerManifest(siteUrl));
    const centred = bannerManifest(siteUrl);
    centred.cookie_consent.banner.position = "center";
    await applyObject(ctx, "centrat", centred);
    await applyObject(ctx, "servicii", twoServiceManifest(siteUrl));
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => site?.close(resolve));
    await app?.close();
    await t?.drop();
  });

  /** A fresh browser profile per test: no consent cookie yet. */
  async function visit(setup?: (c: BrowserContext) => Promise<void>, path = "/"): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext();
    await setup?.(context);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${siteUrl}${path}`);
    await page.waitForFunction(() => "registru" in window);
    return { page, errors };
  }

  const consentId = (page: Page) => page.evaluate(() => (window as unknown as { registru: { consentId(): string | null } }).registru.consentId());
  const analyticsRan = (page: Page) => page.evaluate(() => (window as unknown as { analyticsRan?: boolean }).analyticsRan === true);
  const gaCookie = async (page: Page) => (await page.context().cookies()).some((c) => c.name === "_ga");

  /** The decision the banner keeps in its cookie. */
  const storedDecision = async (page: Page) => JSON.parse(decodeURIComponent((await page.context().cookies()).find((c) => c.name === "registru_consent")!.value));

  /** On the two-service page, in the settings layer: analytics on with Hotjar turned off, saved. */
  async function analyticsWithoutHotjar(page: Page) {
    await page.getByRole("dialog", { name: "Cookie-uri pe acest site" }).getByRole("button", { name: "Setări", exact: true }).click();
    const settings = page.getByRole("dialog", { name: "Setări cookie-uri" });
    await settings.getByRole("checkbox", { name: "Statistică" }).check();
    await settings.getByRole("checkbox", { name: "Hotjar Ltd." }).uncheck();
    await settings.getByRole("button", { name: "Salvez alegerile" }).click();
  }

  /** Beacons are asynchronous: wait until the ledger holds `n` records for the consent id. */
  async function ledger(id: string, n: number, org = slug): Promise<ConsentRecord[]> {
    for (let i = 0; i < 100; i++) {
      const records = await consentHistory(ctx, org, id);
      if (records.length >= n) return records;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the ledger did not receive ${n} records for the decision`);
  }
  const summary = (records: ConsentRecord[]) => records.map((r) => `${r.purpose} ${r.decision} ${r.method}`);

  it("S0-08 holds the analytics script back until Accept all, then runs it; the ledger holds given (banner_accept_all)", async () => {
    const { page, errors } = await visit();
    const dialog = page.getByRole("dialog", { name: "Cookie-uri pe acest site" });
    await dialog.waitFor();
    expect(await analyticsRan(page)).toBe(false);
    expect(await gaCookie(page)).toBe(false);
    expect(await page.locator("#ad").count()).toBe(0);

    // Accept all and Reject all: the same element, the same classes, the same size and colour.
    const accept = dialog.getByRole("button", { name: "Accept toate" });
    const reject = dialog.getByRole("button", { name: "Refuz toate" });
    const look = (l: typeof accept) =>
      l.evaluate((el) => {
        // Flex layout splits the row in subpixels; a pixel is the unit a person sees.
        const box = el.getBoundingClientRect();
        return { tag: el.tagName, cls: el.className, w: Math.round(box.width), h: Math.round(box.height), bg: getComputedStyle(el).backgroundColor, fg: getComputedStyle(el).color };
      });
    expect(await look(reject)).toEqual(await look(accept));

    await accept.click();
    await page.waitForFunction(() => (window as unknown as { analyticsRan?: boolean }).analyticsRan === true);
    expect(await gaCookie(page)).toBe(true);
    expect(await page.locator("#ad").textContent()).toBe("Ofertă");
    expect(await dialog.isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Setări cookie-uri" }).isVisible()).toBe(true);

    const id = (await consentId(page))!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const stored = (await page.context().cookies()).find((c) => c.name === "registru_consent")!;
    expect(JSON.parse(decodeURIComponent(stored.value))).toEqual({ id, v: 1, c: ["analytics", "marketing"] });
    expect(stored).toMatchObject({ path: "/", sameSite: "Lax" });
    expect(summary(await ledger(id, 2))).toEqual(["cookie:analytics given banner_accept_all", "cookie:marketing given banner_accept_all"]);

    // Google Consent Mode v2: denied by default before anything else, granted after the decision.
    const consent = await page.evaluate(() =>
      ((window as unknown as { dataLayer: IArguments[] }).dataLayer ?? []).map((a) => Array.from(a)).filter((a) => a[0] === "consent"),
    );
    expect(consent[0]).toEqual(["consent", "default", expect.objectContaining({ analytics_storage: "denied", ad_storage: "denied", ad_user_data: "denied", security_storage: "granted", wait_for_update: 500 })]);
    expect(consent.at(-1)).toEqual(["consent", "update", expect.objectContaining({ analytics_storage: "granted", ad_storage: "granted", ad_personalization: "granted", functionality_storage: "denied" })]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("S2-04 never runs the analytics script after Reject all, also after a reload; the ledger holds refused", async () => {
    const { page, errors } = await visit();
    await page.getByRole("button", { name: "Refuz toate" }).click();
    const id = (await consentId(page))!;
    expect(summary(await ledger(id, 2))).toEqual(["cookie:analytics refused banner_reject_all", "cookie:marketing refused banner_reject_all"]);
    expect(await analyticsRan(page)).toBe(false);

    await page.reload();
    await page.waitForFunction(() => "registru" in window);
    expect(await page.getByRole("dialog").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Setări cookie-uri" }).isVisible()).toBe(true);
    await page.waitForTimeout(300);
    expect(await analyticsRan(page)).toBe(false);
    expect(await gaCookie(page)).toBe(false);
    expect(await consentId(page)).toBe(id);
    expect(await consentHistory(ctx, slug, id)).toHaveLength(2);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("S0-08 with Global Privacy Control on: no banner, no analytics, and a refusal recorded with method gpc", async () => {
    const { page, errors } = await visit(async (c) => {
      await c.setExtraHTTPHeaders({ "Sec-GPC": "1" });
      await c.addInitScript(() => Object.defineProperty(Navigator.prototype, "globalPrivacyControl", { get: () => true }));
    });
    const id = (await page.waitForFunction(() => (window as unknown as { registru: { consentId(): string | null } }).registru.consentId()).then((h) => h.jsonValue()))!;
    expect(summary(await ledger(id, 2))).toEqual(["cookie:analytics refused gpc", "cookie:marketing refused gpc"]);
    expect(await page.getByRole("dialog").count()).toBe(0);
    expect(await analyticsRan(page)).toBe(false);

    // Once per consent id: a reload sends nothing more.
    await page.reload();
    await page.waitForFunction(() => "registru" in window);
    await page.waitForTimeout(300);
    expect(await consentHistory(ctx, slug, id)).toHaveLength(2);
    expect(await analyticsRan(page)).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("S0-08 with Global Privacy Control on in a browser that keeps no cookie: nothing runs, and no refusal is recorded per page view", async () => {
    const { page, errors } = await visit(async (c) => {
      await c.setExtraHTTPHeaders({ "Sec-GPC": "1" });
      await c.addInitScript(() => {
        Object.defineProperty(Navigator.prototype, "globalPrivacyControl", { get: () => true });
        Object.defineProperty(Document.prototype, "cookie", { get: () => "", set: () => undefined, configurable: true });
      });
    });
    const id = (await page.waitForFunction(() => (window as unknown as { registru: { consentId(): string | null } }).registru.consentId()).then((h) => h.jsonValue()))!;
    await page.waitForTimeout(300);
    expect(await consentHistory(ctx, slug, id)).toHaveLength(0);
    expect(await page.getByRole("dialog").count()).toBe(0);
    expect(await analyticsRan(page)).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("S2-04 withdrawing analytics in the settings layer after accepting clears the _ga cookie and records withdrawn", async () => {
    const { page, errors } = await visit();
    await page.getByRole("button", { name: "Accept toate" }).click();
    await page.waitForFunction(() => document.cookie.includes("_ga="));
    const id = (await consentId(page))!;
    await ledger(id, 2);

    await page.getByRole("button", { name: "Setări cookie-uri" }).click();
    const dialog = page.getByRole("dialog", { name: "Cookie-uri pe acest site" });
    await dialog.getByRole("button", { name: "Setări", exact: true }).click();
    const settings = page.getByRole("dialog", { name: "Setări cookie-uri" });
    const analytics = settings.getByRole("checkbox", { name: "Statistică" });
    expect(await analytics.isChecked()).toBe(true);
    expect(await settings.getByRole("checkbox", { name: "Strict necesare" }).isDisabled()).toBe(true);
    await analytics.uncheck();
    await settings.getByRole("button", { name: "Salvez alegerile" }).click();

    await page.waitForFunction(() => !document.cookie.includes("_ga="));
    expect(await gaCookie(page)).toBe(false);
    expect(summary(await ledger(id, 4)).slice(2)).toEqual(["cookie:analytics withdrawn banner_custom", "cookie:marketing given banner_custom"]);
    expect(await page.evaluate(() => (window as unknown as { registru: { get(): string[] } }).registru.get())).toEqual(["necessary", "marketing"]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("is keyboard and screen-reader usable: focus moves in, Tab reaches Accept and Reject, Enter decides, Esc leaves the settings; axe finds nothing serious", async () => {
    const { page, errors } = await visit();
    const dialog = page.getByRole("dialog", { name: "Cookie-uri pe acest site" });
    await dialog.waitFor();
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest("#registru-banner")))).toBe(true);
    expect(await dialog.getAttribute("aria-modal")).toBeNull();
    expect(await dialog.getAttribute("aria-describedby")).toBe("rg-text");
    expect(serious(await runAxe(page)), "first layer").toEqual([]);

    await dialog.getByRole("button", { name: "Setări", exact: true }).click();
    const settings = page.getByRole("dialog", { name: "Setări cookie-uri" });
    await settings.waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe("checkbox");
    await page.locator("details").first().evaluate((d) => ((d as HTMLDetailsElement).open = true));
    expect(serious(await runAxe(page)), "settings layer").toEqual([]);
    await page.keyboard.press("Escape");
    await dialog.waitFor();
    expect(await settings.count()).toBe(0);

    const focused = () => page.evaluate(() => document.activeElement?.textContent ?? "");
    const reached: string[] = [];
    for (let i = 0; i < 6 && !reached.includes("Refuz toate"); i++) {
      await page.keyboard.press("Tab");
      reached.push(await focused());
    }
    expect(reached).toEqual(expect.arrayContaining(["Accept toate", "Refuz toate"]));
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe("none");
    await page.keyboard.press("Enter");
    const id = (await page.waitForFunction(() => (window as unknown as { registru: { consentId(): string | null } }).registru.consentId()).then((h) => h.jsonValue()))!;
    expect(summary(await ledger(id, 2))).toEqual(["cookie:analytics refused banner_reject_all", "cookie:marketing refused banner_reject_all"]);
    expect(await dialog.isVisible()).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("keeps focus inside the centred banner, which is modal (aria-modal), and passes axe", async () => {
    const { page, errors } = await visit(undefined, "/centred");
    const dialog = page.getByRole("dialog", { name: "Cookie-uri pe acest site" });
    await dialog.waitFor();
    expect(await dialog.getAttribute("aria-modal")).toBe("true");
    const inside: boolean[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      inside.push(await page.evaluate(() => Boolean(document.activeElement?.closest("#registru-banner"))));
    }
    await page.keyboard.press("Shift+Tab");
    inside.push(await page.evaluate(() => Boolean(document.activeElement?.closest("#registru-banner"))));
    expect(inside.every(Boolean)).toBe(true);
    expect(serious(await runAxe(page))).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("asks again, in the script's data-lang, when the stored decision predates the policy's last cookie change", async () => {
    const old = { id: "0f8fad5b-d9cb-469f-a165-70867728950e", v: 0, c: ["analytics", "marketing"] };
    const { page, errors } = await visit(async (c) => {
      await c.addCookies([{ name: "registru_consent", value: encodeURIComponent(JSON.stringify(old)), url: siteUrl }]);
    }, "/en");
    await page.getByRole("dialog", { name: "Cookies on this website" }).waitFor();
    expect(await analyticsRan(page)).toBe(false);
    // The same person: the ledger keeps one consent id across policy versions.
    expect(await consentId(page)).toBe(old.id);
    await page.getByRole("button", { name: "Reject all" }).click();
    expect(summary(await ledger(old.id, 2))).toEqual(["cookie:analytics refused banner_reject_all", "cookie:marketing refused banner_reject_all"]);
    expect((await ledger(old.id, 2))[0]).toMatchObject({ language: "en", policyVersion: 1 });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("applies a decision recorded elsewhere (the preference centre) without a beacon: cookies cleared, Consent Mode updated, change announced", async () => {
    const { page, errors } = await visit();
    await page.getByRole("button", { name: "Accept toate" }).click();
    await page.waitForFunction(() => document.cookie.includes("_ga="));
    const id = (await consentId(page))!;
    await ledger(id, 2);
    const change = await page.evaluate(() => {
      const registru = (window as unknown as { registru: { apply(c: Record<string, boolean>): void; on(e: "change", cb: (d: unknown) => void): () => void } }).registru;
      let seen: unknown;
      registru.on("change", (d) => (seen = d));
      registru.apply({ "cookie:analytics": false });
      return seen;
    });
    expect(change).toEqual({ consentId: id, categories: ["necessary", "marketing"], method: "apply" });
    expect(await gaCookie(page)).toBe(false);
    const last = await page.evaluate(() => Array.from((window as unknown as { dataLayer: IArguments[] }).dataLayer.at(-1)!));
    expect(last).toEqual(["consent", "update", expect.objectContaining({ analytics_storage: "denied", ad_storage: "granted" })]);
    await page.waitForTimeout(300);
    expect(await consentHistory(ctx, slug, id)).toHaveLength(2);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  /** Paths the browser requested from the site, from the first navigation on. */
  const requestsTo = (c: BrowserContext) => {
    const paths: string[] = [];
    c.on("request", (r) => paths.push(new URL(r.url()).pathname));
    return paths;
  };
  const embedsLoaded = (paths: string[]) => paths.filter((p) => p === "/frame.html" || p === "/ext/analytics.js").sort();
  const externalRan = (page: Page) => page.evaluate(() => (window as unknown as { externalRan?: boolean }).externalRan === true);

  it("S0-08 loads a blocked iframe and an external blocked script (data-src) only after Accept all", async () => {
    let paths: string[] = [];
    const { page, errors } = await visit(async (c) => void (paths = requestsTo(c)), "/embeds");
    await page.getByRole("dialog", { name: "Cookie-uri pe acest site" }).waitFor();
    await page.waitForTimeout(300);
    expect(embedsLoaded(paths)).toEqual([]);
    expect(await page.locator("iframe[data-category]").getAttribute("src")).toBeNull();
    expect(await externalRan(page)).toBe(false);

    await page.getByRole("button", { name: "Accept toate" }).click();
    await page.waitForFunction(() => (window as unknown as { externalRan?: boolean }).externalRan === true);
    await page.waitForFunction(() => document.querySelector("iframe")?.contentDocument?.querySelector("p")?.textContent === "Video");
    expect(embedsLoaded(paths)).toEqual(["/ext/analytics.js", "/frame.html"]);
    expect(await page.locator("iframe[data-category]").getAttribute("src")).toBe("/frame.html");
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("S2-04 never loads the blocked iframe or the external blocked script after Reject all, also after a reload", async () => {
    let paths: string[] = [];
    const { page, errors } = await visit(async (c) => void (paths = requestsTo(c)), "/embeds");
    await page.getByRole("button", { name: "Refuz toate" }).click();
    await ledger((await consentId(page))!, 2);
    await page.reload();
    await page.waitForFunction(() => "registru" in window);
    await page.waitForTimeout(300);
    expect(embedsLoaded(paths)).toEqual([]);
    expect(await page.locator("iframe[data-category]").getAttribute("src")).toBeNull();
    expect(await externalRan(page)).toBe(false);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("S2-04 after a no, clears the category's cookies on each prefix of the page's path (/, /shop, /shop/cart), not only on /", async () => {
    const { page, errors } = await visit(undefined, "/shop/cart");
    await page.getByRole("button", { name: "Accept toate" }).click();
    const gaCookies = async () =>
      (await page.context().cookies())
        .filter((c) => c.name.startsWith("_ga"))
        .map((c) => `${c.name} ${c.path}`)
        .sort();
    await vi.waitUntil(async () => (await gaCookies()).length === 3);
    expect(await gaCookies()).toEqual(["_ga /", "_ga /shop/cart", "_ga_SHOP /shop"]);

    await page.getByRole("button", { name: "Setări cookie-uri" }).click();
    await page.getByRole("dialog", { name: "Cookie-uri pe acest site" }).getByRole("button", { name: "Refuz toate" }).click();
    await vi.waitUntil(async () => (await gaCookies()).length === 0);
    expect(await gaCookies()).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("S0-08 Global Privacy Control turned on after Accept all: the reload records a refusal with method gpc and analytics stop; a grant made with GPC on stands", async () => {
    const { page, errors } = await visit();
    await page.getByRole("button", { name: "Accept toate" }).click();
    await page.waitForFunction(() => document.cookie.includes("_ga="));
    const id = (await consentId(page))!;
    await ledger(id, 2);

    await page.context().setExtraHTTPHeaders({ "Sec-GPC": "1" });
    await page.context().addInitScript(() => Object.defineProperty(Navigator.prototype, "globalPrivacyControl", { get: () => true }));
    await page.reload();
    await page.waitForFunction(() => "registru" in window);
    expect(summary(await ledger(id, 4)).slice(2)).toEqual(["cookie:analytics withdrawn gpc", "cookie:marketing withdrawn gpc"]);
    expect(await analyticsRan(page)).toBe(false);
    expect(await gaCookie(page)).toBe(false);
    expect(await page.getByRole("dialog").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { registru: { get(): string[] } }).registru.get())).toEqual(["necessary"]);
    const stored = () => storedDecision(page);
    expect(await stored()).toEqual({ id, v: 1, c: [], g: 1 });

    // Once: the stored decision was made with GPC on, so a reload sends nothing more.
    await page.reload();
    await page.waitForFunction(() => "registru" in window);
    await page.waitForTimeout(300);
    expect(await consentHistory(ctx, slug, id)).toHaveLength(4);
    expect(await analyticsRan(page)).toBe(false);

    // The visitor grants analytics explicitly with GPC on (the re-open control's settings): that stands.
    await page.getByRole("button", { name: "Setări cookie-uri" }).click();
    await page.getByRole("dialog", { name: "Cookie-uri pe acest site" }).getByRole("button", { name: "Setări", exact: true }).click();
    const settings = page.getByRole("dialog", { name: "Setări cookie-uri" });
    await settings.getByRole("checkbox", { name: "Statistică" }).check();
    await settings.getByRole("button", { name: "Salvez alegerile" }).click();
    expect(summary(await ledger(id, 6)).slice(4)).toEqual(["cookie:analytics given banner_custom", "cookie:marketing refused banner_custom"]);
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { analyticsRan?: boolean }).analyticsRan === true);
    await page.waitForTimeout(300);
    expect(await consentHistory(ctx, slug, id)).toHaveLength(6);
    expect(await stored()).toEqual({ id, v: 1, c: ["analytics"], g: 1 });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("S0-08 per service: Hotjar turned off in granted analytics never runs and its cookie is cleared; the ledger holds the category given and the service refused, until Accept all gives it", async () => {
    const { page, errors } = await visit(undefined, "/services");
    const ran = (name: "googleRan" | "hotjarRan" | "analyticsRan") => page.evaluate((n) => (window as unknown as Record<string, unknown>)[n] === true, name);
    const cookieNames = async () => (await page.context().cookies()).map((c) => c.name).sort();
    const stored = () => storedDecision(page);
    await page.getByRole("dialog", { name: "Cookie-uri pe acest site" }).getByRole("button", { name: "Setări", exact: true }).click();
    const settings = page.getByRole("dialog", { name: "Setări cookie-uri" });
    const analytics = settings.getByRole("checkbox", { name: "Statistică" });
    const google = settings.getByRole("checkbox", { name: "Google Ireland Ltd." });
    const hotjar = settings.getByRole("checkbox", { name: "Hotjar Ltd." });
    const mixed = () => analytics.evaluate((el) => (el as HTMLInputElement).indeterminate);
    expect(await settings.getByRole("group", { name: "Statistică" }).getByRole("checkbox").count()).toBe(2);
    expect([await google.isChecked(), await hotjar.isChecked()]).toEqual([false, false]);

    // The category's box turns all of its services on; one of them off leaves it mixed, still granted.
    await analytics.check();
    expect([await google.isChecked(), await hotjar.isChecked()]).toEqual([true, true]);
    await hotjar.uncheck();
    expect(await mixed()).toBe(true);
    expect(serious(await runAxe(page)), "settings layer with services").toEqual([]);
    // A Hotjar cookie already on the page goes with the decision; Google's analytics may set theirs.
    await page.evaluate(() => (document.cookie = "_hjSessionUser_42=1; path=/"));
    await settings.getByRole("button", { name: "Salvez alegerile" }).click();

    await page.waitForFunction(() => (window as unknown as { googleRan?: boolean }).googleRan === true);
    await vi.waitUntil(async () => (await cookieNames()).includes("_ga"));
    await page.waitForTimeout(300);
    expect([await ran("analyticsRan"), await ran("hotjarRan")]).toEqual([true, false]);
    expect((await cookieNames()).filter((n) => n.startsWith("_hj"))).toEqual([]);
    const id = (await consentId(page))!;
    expect(summary(await ledger(id, 3, "servicii")).sort()).toEqual([
      "cookie:analytics given banner_custom",
      "cookie:analytics:hotjar-ltd refused banner_custom",
      "cookie:marketing refused banner_custom",
    ]);
    expect(await stored()).toEqual({ id, v: 1, c: ["analytics"], s: ["analytics:hotjar-ltd"] });
    expect(await page.evaluate(() => (window as unknown as { registru: { get(): string[] } }).registru.get())).toEqual(["necessary", "analytics"]);

    // After a reload the choice stands, and the settings layer shows it.
    await page.reload();
    await page.waitForFunction(() => (window as unknown as { googleRan?: boolean }).googleRan === true);
    await page.waitForTimeout(300);
    expect(await ran("hotjarRan")).toBe(false);
    await page.getByRole("button", { name: "Setări cookie-uri" }).click();
    await page.getByRole("dialog", { name: "Cookie-uri pe acest site" }).getByRole("button", { name: "Setări", exact: true }).click();
    expect([await google.isChecked(), await hotjar.isChecked(), await mixed()]).toEqual([true, false, true]);

    // Accept all supersedes the refusal of the service.
    await settings.getByRole("button", { name: "Accept toate" }).click();
    await page.waitForFunction(() => (window as unknown as { hotjarRan?: boolean }).hotjarRan === true);
    expect(summary(await ledger(id, 6, "servicii")).slice(3).sort()).toEqual([
      "cookie:analytics given banner_accept_all",
      "cookie:analytics:hotjar-ltd given banner_accept_all",
      "cookie:marketing given banner_accept_all",
    ]);
    expect(await stored()).toEqual({ id, v: 1, c: ["analytics", "marketing"] });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("S2-04 per service: a service turned off stays off through Reject all, so that a later Accept all records it given", async () => {
    const { page, errors } = await visit(undefined, "/services");
    await analyticsWithoutHotjar(page);
    const id = (await consentId(page))!;
    await ledger(id, 3, "servicii");
    const registru = (act: "accept" | "reject") => page.evaluate((a) => (window as unknown as { registru: Record<string, () => void> }).registru[a]!(), act);

    await registru("reject");
    expect(summary(await ledger(id, 6, "servicii")).slice(3).sort()).toEqual([
      "cookie:analytics withdrawn banner_reject_all",
      "cookie:analytics:hotjar-ltd refused banner_reject_all",
      "cookie:marketing refused banner_reject_all",
    ]);
    expect(await storedDecision(page)).toEqual({ id, v: 1, c: [], s: ["analytics:hotjar-ltd"] });

    await registru("accept");
    expect(summary(await ledger(id, 9, "servicii")).slice(6).sort()).toEqual([
      "cookie:analytics given banner_accept_all",
      "cookie:analytics:hotjar-ltd given banner_accept_all",
      "cookie:marketing given banner_accept_all",
    ]);
    await page.waitForFunction(() => (window as unknown as { hotjarRan?: boolean }).hotjarRan === true);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("per service: the preference centre granting a category anew turns its services on; one that leaves it granted keeps a service off", async () => {
    const { page, errors } = await visit(undefined, "/services");
    await analyticsWithoutHotjar(page);
    const apply = (choices: Record<string, boolean>) =>
      page.evaluate((c) => (window as unknown as { registru: { apply(c: Record<string, boolean>): void } }).registru.apply(c), choices);
    const stored = () => storedDecision(page);

    // Marketing changes, analytics stays granted: Hotjar stays off.
    await apply({ "cookie:marketing": true });
    await page.waitForTimeout(200);
    expect((await stored()).s).toEqual(["analytics:hotjar-ltd"]);
    expect(await page.evaluate(() => (window as unknown as { hotjarRan?: boolean }).hotjarRan === true)).toBe(false);

    // Analytics withdrawn and granted again there, a category at a time: Hotjar is on, as the ledger says.
    await apply({ "cookie:analytics": false });
    await apply({ "cookie:analytics": true });
    await page.waitForFunction(() => (window as unknown as { hotjarRan?: boolean }).hotjarRan === true);
    expect((await stored()).s).toBeUndefined();
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
