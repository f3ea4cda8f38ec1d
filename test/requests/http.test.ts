import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/apikeys/index.ts";
import { PUBLIC_LIMITS } from "../../src/http/routes/requests.ts";
import { buildServer } from "../../src/http/server.ts";
import { backend } from "../helpers/database.ts";
import { DAY, openWorld, type World } from "./fixtures.ts";

const email = "maria.vasilescu@example.com";
const cnp = "2981229112348";

describe(`requests over HTTP on ${backend}`, () => {
  let w: World;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let key: string;
  const auth = () => ({ authorization: `Bearer ${key}` });
  const staff = (id: string, action: string, payload: object = {}) => app.inject({ method: "POST", url: `/api/v1/organisations/eldrive/requests/${id}/${action}`, headers: auth(), payload });

  beforeAll(async () => {
    w = await openWorld(["eldrive"]);
    key = (await createApiKey(w.ctx(), "eldrive", { name: "dpo desk" })).key;
    app = await buildServer({ ctx: w.ctx(), database: w.t.database, version: "test", mailer: w.mailer });
  });
  afterAll(async () => {
    await app.close();
    await w.close();
  });

  it("a subject submits in the privacy centre, confirms with the e-mailed code, and staff follow it in the queue to the answer", async () => {
    const submitted = await app.inject({ method: "POST", url: "/o/eldrive/requests", payload: { right: "access", language: "ro", subject: { email, cnp, phone: "0721 234 567" } } });
    expect(submitted.statusCode).toBe(201);
    const { id, token, state, mailed, deadline } = submitted.json();
    expect({ state, mailed }).toEqual({ state: "verifying", mailed: true });
    expect(deadline).toMatchObject({ winner: "law", promise: "P1M", article: "GDPR Art. 12(3)", due: "2026-12-23T21:59:59.999Z" });
    expect(submitted.body).not.toContain(email);

    const wrong = await app.inject({ method: "POST", url: `/o/eldrive/requests/${id}/verify`, payload: { token, code: w.latestCode(email) === "000000" ? "000001" : "000000" } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error).toMatchObject({ code: "wrong_code", details: { attemptsLeft: 4 } });
    const ok = await app.inject({ method: "POST", url: `/o/eldrive/requests/${id}/verify`, payload: { token, code: w.latestCode(email) } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id, state: "in_progress" });

    expect((await app.inject({ method: "GET", url: "/api/v1/organisations/eldrive/requests" })).statusCode).toBe(401);
    const queue = await app.inject({ method: "GET", url: "/api/v1/organisations/eldrive/requests?state=in_progress", headers: auth() });
    expect(queue.json().requests).toEqual([expect.objectContaining({ id, state: "in_progress", right: "access", channel: "web_form", deadline: expect.objectContaining({ timeLeft: expect.objectContaining({ overdue: false }) }) })]);

    w.clock.advance(DAY);
    expect((await staff(id, "pause", { reason: "which customer account?" })).json().state).toBe("awaiting");
    const again = await staff(id, "pause", { reason: "twice" });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("invalid_transition");
    w.clock.advance(DAY);
    expect((await staff(id, "resume", { reason: "answered" })).json().deadline.due).toBe("2026-12-24T21:59:59.999Z");

    const done = await staff(id, "complete", { rows: [{ system: "app_db", table: "customers", found: 1, exported: 1 }], package: { url: "https://registru.example/p/abc", expiresAt: "2026-12-10T00:00:00Z" } });
    expect(done.statusCode).toBe(200);
    const detail = done.json();
    expect(detail).toMatchObject({ state: "done", deadline: null, request: { subject: { email, cnp, phone: "+40721234567" } } });
    expect(detail.request.verification).not.toHaveProperty("codeHash");
    expect(detail.timeline.map((e: { kind: string }) => e.kind)).toEqual(["created", "received", "code_sent", "code_rejected", "verified", "paused", "resumed", "completed", "letter_sent"]);
    expect(detail.timeline[5]).toMatchObject({ actor: expect.stringMatching(/^apikey:[0-9a-f]{16}$/), data: { reason: "which customer account?" } });

    const seq = detail.timeline.at(-1).seq;
    const pdf = await app.inject({ method: "GET", url: `/api/v1/organisations/eldrive/requests/${id}/letters/${seq}`, headers: auth() });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    const textOf = async (b: Buffer) => (await new PDFParse({ data: new Uint8Array(b) }).getText()).text;
    const text = await textOf(pdf.rawPayload);
    expect(text).toContain("GDPR Art. 15");
    expect(text).toContain("https://registru.example/p/abc");
    // The same letter as the one attached to the e-mail (only the PDF's creation date differs).
    expect(await textOf(w.smtp.to(email).at(-1)!.attachments[0]!.content)).toBe(text);
  });

  it("S0-17 staff record a letter that came by post, and must say who typed it in", async () => {
    const body = { right: "rectification", channel: "post", receivedAt: "2026-11-20T09:00:00+02:00", subject: { email: "scrisoare@example.com" }, details: { fields: { address: "Str. Nouă 2" } } };
    const missing = await app.inject({ method: "POST", url: "/api/v1/organisations/eldrive/requests", headers: auth(), payload: body });
    expect(missing.json().error.code).toBe("entered_by_required");
    const res = await app.inject({ method: "POST", url: "/api/v1/organisations/eldrive/requests", headers: auth(), payload: { ...body, enteredBy: "Registratură" } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ state: "verifying", channel: "post", receivedAt: "2026-11-20T07:00:00.000Z", request: { enteredBy: "Registratură" } });
  });

  it("refuses bad input at the edge with the path, never echoing the value", async () => {
    const res = await app.inject({ method: "POST", url: "/o/eldrive/requests", payload: { right: "access", subject: { email: "not-an-address", jmbg: "0701985710006" } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("invalid_request");
    expect(res.body).not.toContain("0701985710006");
    expect(res.body).not.toContain("not-an-address");
    const staffOnly = await app.inject({ method: "POST", url: "/o/eldrive/requests", payload: { right: "access", channel: "post", subject: { email } } });
    expect(staffOnly.statusCode).toBe(400);
  });

  it("never writes an e-mail address, a phone number, a CNP or a code to the logs", () => {
    const logs = w.logLines.join("");
    expect(logs).toContain('"msg":"request received"');
    expect(logs).toContain('"msg":"mail sent"');
    for (const secret of [email, "scrisoare@example.com", cnp, "721234567", ...w.smtp.messages.flatMap((m) => m.text.match(/^\s{4}(\d{6})$/m)?.[1] ?? [])]) {
      expect(logs).not.toContain(secret);
    }
  });

  it("documents the request routes in the OpenAPI document", async () => {
    const doc = (await app.inject({ method: "GET", url: "/openapi.json" })).json();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/o/{slug}/requests", "/o/{slug}/requests/{id}/verify", "/api/v1/organisations/{slug}/requests/{id}/extend"]));
  });
});

describe(`public request intake rate limit on ${backend}`, () => {
  let w: World;
  let app: Awaited<ReturnType<typeof buildServer>>;
  beforeAll(async () => {
    w = await openWorld(["eldrive"]);
    app = await buildServer({ ctx: w.ctx(), database: w.t.database, version: "test", mailer: w.mailer });
  });
  afterAll(async () => {
    await app.close();
    await w.close();
  });

  it(`answers 429 rate_limited after ${PUBLIC_LIMITS.submit} submissions an hour from one address, before doing any work`, async () => {
    for (let i = 0; i < PUBLIC_LIMITS.submit; i++) {
      const res = await app.inject({ method: "POST", url: "/o/eldrive/requests", payload: { right: "access", subject: { email: "x" } } });
      expect(res.statusCode).toBe(400);
    }
    const limited = await app.inject({ method: "POST", url: "/o/eldrive/requests", payload: { right: "access", subject: { email: "flood@example.com" } } });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe("rate_limited");
    expect(w.smtp.to("flood@example.com")).toHaveLength(0);
    const other = await app.inject({ method: "POST", url: "/o/eldrive/requests", remoteAddress: "192.0.2.7", payload: { right: "access", subject: { email: "other@example.com" } } });
    expect(other.statusCode).toBe(201);
  });
});
