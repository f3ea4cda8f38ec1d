import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock, systemClock } from "../../src/clock.ts";
import {
  buildReferenceGraph,
  callbackToken,
  callHttpSystem,
  checkSystems,
  describeManualTask,
  findSubject,
  httpEndpoint,
  normaliseIdentities,
  openSystems,
  planFind,
  verifyCallback,
  type SystemSpec,
} from "../../src/connectors/index.ts";
import { signatureHeader, verifySignature } from "../../src/webhooks/index.ts";
import { organisationSqlite } from "./helpers/databases.ts";

const SECRET = "crm-signing-secret-0123456789";

/** A SaaS system that speaks Registru's protocol and checks every signature, as a real one must. */
function saas() {
  const received: Array<{ path: string; headers: IncomingMessage["headers"]; body: Record<string, unknown> }> = [];
  const server = createServer(async (req, res) => {
    let raw = "";
    for await (const chunk of req) raw += chunk;
    if (!verifySignature(SECRET, req.headers["registru-signature"] as string | undefined, raw, { now: new Date() })) {
      res.writeHead(401).end();
      return;
    }
    const body = JSON.parse(raw) as Record<string, unknown>;
    received.push({ path: req.url!, headers: req.headers, body });
    if (req.url === "/api/registru/find") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ tables: { contacts: [{ id: 7, email: "ana@example.com", name: "Ana P.", internal_score: 0.7 }] } }));
    } else if (req.url === "/api/registru/erase") res.writeHead(202).end();
    else if (req.url === "/api/registru/ping") res.writeHead(200).end("{}");
    else res.writeHead(404).end();
  });
  return { server, received };
}

describe("the HTTP connector against a real server", () => {
  let server: Server;
  let received: ReturnType<typeof saas>["received"];
  let base: string;
  let sqlite: Awaited<ReturnType<typeof organisationSqlite>>;

  const specs = (secretVar = "CRM_SECRET"): SystemSpec[] => [
    { id: "app", kind: "sqlite", url: "${APP_FILE}", tables: { customers: { identity: { email: "email" }, fields: { email: "contact.email" }, activity: "a" } } },
    {
      id: "crm",
      kind: "http",
      url: `http://registru:\${${secretVar}}@${base.replace("http://", "")}/api`,
      tables: { contacts: { identity: { email: "email" }, belongs_to: { customer_id: "app.customers.id" }, fields: { name: "identity.name", email: "contact.email" }, activity: "a" } },
    },
    { id: "archive", kind: "manual", owner: "Accounting, 2nd floor", tables: { contracts: { belongs_to: { customer_no: "app.customers.id" }, fields: { signature: "identity.signature" }, activity: "a" } } },
  ];

  beforeAll(async () => {
    ({ server, received } = saas());
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    sqlite = await organisationSqlite();
    await sqlite.exec("create table customers (id integer primary key, email text not null); create index c_email on customers (email); insert into customers values (42, 'ana@example.com');");
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await sqlite?.drop();
  });

  const env = () => ({ APP_FILE: sqlite.file, CRM_SECRET: SECRET, WRONG: "not-the-secret" });

  it("sends a signed find with the identities and the keys found elsewhere, and keeps only declared fields", async () => {
    const systems = openSystems(specs(), { env: env() });
    const identities = normaliseIdentities({ email: "ANA@example.com" });
    const result = await findSubject(systems, planFind(buildReferenceGraph(systems.specs), ["email"]), identities, { requestId: "req-1" });
    await systems.close();
    const call = received.find((r) => r.path === "/api/registru/find")!;
    expect(call.body).toEqual({ request_id: "req-1", action: "find", identities: { email: ["ana@example.com"] }, references: { "contacts.customer_id": ["42"] }, tables: ["contacts"] });
    expect(call.headers["idempotency-key"]).toBe("req-1");
    expect(call.headers.authorization).toBeUndefined();
    expect(result.remote).toEqual([{ system: "crm", requestId: "req-1", status: "done" }]);
    expect(result.counts).toEqual({ "app.customers": 1, "crm.contacts": 1 });
    expect(result.tables.find((t) => t.system === "crm")!.rows).toEqual([{ primaryKey: 7, fields: { name: "Ana P.", email: "ana@example.com" } }]);
  });

  it("gives a manual system a task naming the table, the columns and the values to look for", async () => {
    const systems = openSystems(specs(), { env: env() });
    const result = await findSubject(systems, planFind(buildReferenceGraph(systems.specs), ["email"]), normaliseIdentities({ email: "ana@example.com" }));
    await systems.close();
    expect(result.manualTasks).toEqual([
      { system: "archive", owner: "Accounting, 2nd floor", tables: [{ table: "contracts", lookups: [{ column: "customer_no", by: "app.customers.id", values: ["42"] }], fields: [{ column: "signature", category: "identity.signature" }] }] },
    ]);
    expect(describeManualTask(result.manualTasks[0]!)).toBe(
      'System "archive" (owner: Accounting, 2nd floor):\n- in "contracts", find every record where "customer_no" is one of 42 (app.customers.id); it holds: signature (identity.signature)',
    );
  });

  it("systems check pings the HTTP system, inspects the SQL one and has nothing to connect to for the manual one", async () => {
    const systems = openSystems(specs(), { env: env() });
    expect(await checkSystems(systems)).toEqual([
      { system: "app", kind: "sqlite", status: "ok", problems: [] },
      { system: "crm", kind: "http", status: "ok", problems: [] },
      { system: "archive", kind: "manual", status: "manual", problems: [] },
    ]);
    expect(received.at(-1)!.path).toBe("/api/registru/ping");
    const unset = openSystems(specs(), { env: { APP_FILE: sqlite.file } });
    expect((await checkSystems(unset))[1]).toEqual({ system: "crm", kind: "http", status: "not_configured", message: 'system "crm": environment variable CRM_SECRET is not set', problems: [] });
    await systems.close();
  });

  it("is refused by the server when signed with another secret", async () => {
    const systems = openSystems(specs("WRONG"), { env: env() });
    await expect(callHttpSystem(systems.http("crm"), "ping", {}, { clock: systemClock })).rejects.toMatchObject({ code: "connector_http_failed", message: 'system "crm": ping answered HTTP 401' });
  });

  it("takes a 202 as 'will call back' and verifies the signed callback with the token it handed out", async () => {
    const endpoint = openSystems(specs(), { env: env() }).http("crm");
    const outcome = await callHttpSystem(endpoint, "erase", { identities: { email: ["ana@example.com"] } }, { clock: systemClock, requestId: "req-2", callbackUrl: "https://registru.example/connectors/callback/crm" });
    expect(outcome).toMatchObject({ status: "accepted", requestId: "req-2", token: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) });
    const token = (outcome as { token: string }).token;
    expect(received.at(-1)!.body.callback).toEqual({ url: "https://registru.example/connectors/callback/crm", token });

    const now = new Date("2026-11-23T10:00:00Z");
    const body = JSON.stringify({ request_id: "req-2", token, action: "erase", status: "done", result: { tables: { contacts: { affected: 1 } } } });
    const signature = signatureHeader(SECRET, body, now);
    expect(verifyCallback(endpoint, { signature, body, expectedToken: token, now })).toMatchObject({ request_id: "req-2", status: "done" });
    expect(() => verifyCallback(endpoint, { signature, body: body.replace('"affected":1', '"affected":0'), expectedToken: token, now })).toThrow(expect.objectContaining({ code: "callback_signature_invalid", status: 401 }));
    expect(() => verifyCallback(endpoint, { signature, body, expectedToken: `${token}x`, now })).toThrow(expect.objectContaining({ code: "callback_token_invalid", status: 401 }));
    expect(() => verifyCallback(endpoint, { signature, body, expectedToken: token, now: new Date("2026-11-23T10:10:00Z") })).toThrow(expect.objectContaining({ code: "callback_stale", status: 401 }));
    const extra = JSON.stringify({ request_id: "req-2", token, action: "erase", status: "done", extra: 1 });
    expect(() => verifyCallback(endpoint, { signature: signatureHeader(SECRET, extra, now), body: extra, expectedToken: token, now })).toThrow(expect.objectContaining({ code: "callback_body_invalid", status: 400 }));
  });

  it("offers a token derived from the request, the system and the action: a call resent after a crash offers the same", async () => {
    const endpoint = openSystems(specs(), { env: env() }).http("crm");
    const key = Buffer.alloc(32, 7);
    const token = callbackToken(key, { requestId: "req-3", system: "crm", action: "erase" });
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(callbackToken(key, { requestId: "req-3", system: "crm", action: "find" })).not.toBe(token);
    expect(callbackToken(key, { requestId: "req-4", system: "crm", action: "erase" })).not.toBe(token);
    for (let i = 0; i < 2; i++) {
      await callHttpSystem(endpoint, "erase", {}, { clock: systemClock, requestId: "req-3", callbackUrl: "https://registru.example/o/x/connectors/crm/callback", callbackToken: token });
      expect(received.at(-1)!.body.callback).toEqual({ url: "https://registru.example/o/x/connectors/crm/callback", token });
    }
  });

  it("refuses a 202 when no callback was offered", async () => {
    const endpoint = openSystems(specs(), { env: env() }).http("crm");
    await expect(callHttpSystem(endpoint, "erase", {}, { clock: systemClock })).rejects.toMatchObject({ code: "connector_http_failed", message: expect.stringContaining("no callback") });
  });

  it("takes the secret from the url's password, strips it from the address, and insists on https off this machine", () => {
    const crm = (url: string): SystemSpec => ({ id: "crm", kind: "http", url, tables: {} });
    expect(httpEndpoint(crm("https://registru:${S}@crm.example.com/api/"), { S: "abc" })).toEqual({ system: "crm", baseUrl: "https://crm.example.com/api", secret: "abc" });
    expect(() => httpEndpoint(crm("https://crm.example.com/api"), {})).toThrow(expect.objectContaining({ code: "connector_secret_missing" }));
    expect(() => httpEndpoint(crm("http://registru:${S}@crm.example.com/api"), { S: "abc" })).toThrow(expect.objectContaining({ code: "connector_insecure_url" }));
  });

  it("reports a system that does not answer as unreachable", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const endpoint = { system: "crm", baseUrl: `http://127.0.0.1:${port}`, secret: SECRET };
    await expect(callHttpSystem(endpoint, "ping", {}, { clock: fixedClock("2026-11-23T10:00:00Z") })).rejects.toMatchObject({ code: "connector_unreachable", message: 'system "crm" cannot be reached (ECONNREFUSED)' });
  });
});
