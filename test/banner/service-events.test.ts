import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consentHistory } from "../../src/consent/index.ts";
import type { Context } from "../../src/context.ts";
import { fixedClock } from "../../src/clock.ts";
import { buildServer } from "../../src/http/server.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { applyObject, bannerManifest, twoServiceManifest } from "./fixtures.ts";

const site = "https://www.exemplu.ro";
const HOTJAR = "analytics:hotjar-ltd";

describe(`banner decisions per service into the consent ledger (S0-08, S2-04) on ${backend}`, () => {
  let t: TestDatabase;
  let ctx: Context;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let address = 0;

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method: "POST",
      url: "/o/exemplu/consent-events",
      remoteAddress: `198.51.100.${++address}`,
      headers: { "content-type": "text/plain", origin: site, ...headers },
      payload: JSON.stringify(body),
    });
  const decision = (consentId: string, method: string, choices: Record<string, boolean>, version = 2) => ({ consentId, version, language: "ro", method, choices });
  const summary = async (id: string) => (await consentHistory(ctx, "exemplu", id)).map((r) => `${r.purpose} ${r.decision} ${r.method}`);

  beforeAll(async () => {
    t = await openTestDatabase();
    ctx = t.ctx(fixedClock("2026-11-23T10:00:00Z"));
    // Version 1 has one analytics service (Google); version 2, in force, adds Hotjar.
    await applyObject(ctx, "exemplu", bannerManifest(site));
    await applyObject(ctx, "exemplu", twoServiceManifest(site));
    app = await buildServer({ ctx, database: t.database, version: "test" });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it("S2-04 records a service refused in a granted category as cookie:<category>:<service>, and its later grant as given and no as withdrawn", async () => {
    const id = randomUUID();
    expect((await post(decision(id, "banner_custom", { analytics: true, marketing: false, [HOTJAR]: false }))).statusCode).toBe(204);
    expect((await post(decision(id, "banner_accept_all", { analytics: true, marketing: true, [HOTJAR]: true }))).statusCode).toBe(204);
    expect((await post(decision(id, "banner_custom", { analytics: true, marketing: true, [HOTJAR]: false }))).statusCode).toBe(204);
    expect(await summary(id)).toEqual([
      "cookie:analytics given banner_custom",
      "cookie:marketing refused banner_custom",
      "cookie:analytics:hotjar-ltd refused banner_custom",
      "cookie:analytics given banner_accept_all",
      "cookie:marketing given banner_accept_all",
      "cookie:analytics:hotjar-ltd given banner_accept_all",
      "cookie:analytics given banner_custom",
      "cookie:marketing given banner_custom",
      "cookie:analytics:hotjar-ltd withdrawn banner_custom",
    ]);
  });

  it("S2-04 records a service off with its category on Reject all and GPC", async () => {
    const id = randomUUID();
    expect((await post(decision(id, "banner_reject_all", { analytics: false, marketing: false, [HOTJAR]: false }))).statusCode).toBe(204);
    expect((await post(decision(id, "gpc", { analytics: false, marketing: false, [HOTJAR]: false }), { "sec-gpc": "1" })).statusCode).toBe(204);
    expect(await summary(id)).toEqual([
      "cookie:analytics refused banner_reject_all",
      "cookie:marketing refused banner_reject_all",
      "cookie:analytics:hotjar-ltd refused banner_reject_all",
      "cookie:analytics refused gpc",
      "cookie:marketing refused gpc",
      "cookie:analytics:hotjar-ltd refused gpc",
    ]);
  });

  it("refuses service keys that version's banner did not offer, a service on while its category is off or sent without it, and a service off on Accept all", async () => {
    const id = randomUUID();
    const cases: Array<[unknown, number, string]> = [
      [decision(id, "banner_custom", { analytics: true, "analytics:unknown-ltd": false }), 400, "invalid_choices"],
      [decision(id, "banner_custom", { marketing: true, "marketing:hotjar-ltd": false }), 400, "invalid_choices"],
      [decision(id, "banner_custom", { analytics: true, "necessary:exemplu-s-r-l": false }), 400, "invalid_choices"],
      // Version 1's banner offered no Hotjar: a decision on it is checked against what it showed.
      [decision(id, "banner_custom", { analytics: true, [HOTJAR]: false }, 1), 400, "invalid_choices"],
      [decision(id, "banner_custom", { analytics: false, [HOTJAR]: true }), 400, "invalid_choices"],
      [decision(id, "banner_custom", { marketing: true, [HOTJAR]: false }), 400, "invalid_choices"],
      [decision(id, "banner_accept_all", { analytics: true, marketing: true, [HOTJAR]: false }), 400, "invalid_choices"],
      [decision(id, "banner_reject_all", { analytics: false, marketing: false, [HOTJAR]: true }), 400, "invalid_choices"],
      [decision(id, "banner_custom", { analytics: true, "analytics:Hotjar Ltd.": false }), 400, "invalid_request"],
      [decision(id, "banner_custom", { analytics: true, "analytics:hotjar-ltd:x": false }), 400, "invalid_request"],
    ];
    for (const [body, status, code] of cases) {
      const res = await post(body);
      expect([res.statusCode, res.json().error.code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(await consentHistory(ctx, "exemplu", id)).toEqual([]);
    // The same choice on the version that offers it is recorded.
    expect((await post(decision(id, "banner_custom", { analytics: true, [HOTJAR]: false }))).statusCode).toBe(204);
  });
});
