import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeRequest, executionLock, findExecution, runOne, type ExecutionDeps } from "../../src/execution/index.ts";
import { buildServer } from "../../src/http/server.ts";
import { applyManifest } from "../../src/organisations/index.ts";
import { getRequest, submitRequest, verifyRequest } from "../../src/requests/index.ts";
import { signatureHeader, verifySignature } from "../../src/webhooks/index.ts";
import { backend } from "../helpers/database.ts";
import { cleanManifest, loadObject } from "../helpers/manifests.ts";
import { openWorld, type World } from "../requests/fixtures.ts";

const SECRET = "crm-signing-secret-0123456789";
const ANA = "ana@example.com";

interface SaasCall {
  action: string;
  body: { request_id: string; callback?: { url: string; token: string }; [k: string]: unknown };
}

describe(`an HTTP system that answers 202 and calls back later (Registru on ${backend})`, () => {
  let w: World;
  let saas: Server;
  let registru: Awaited<ReturnType<typeof buildServer>>;
  let registruUrl: string;
  const calls: SaasCall[] = [];
  const runs: Promise<void>[] = [];
  let deps: ExecutionDeps;

  beforeAll(async () => {
    w = await openWorld([]);
    // The SaaS: checks Registru's signature as a real one must, takes every call for later (202).
    saas = createServer(async (req, res) => {
      let raw = "";
      for await (const chunk of req) raw += chunk;
      if (!verifySignature(SECRET, req.headers["registru-signature"] as string | undefined, raw, { now: w.clock.now() })) return void res.writeHead(401).end();
      const action = req.url!.replace("/api/registru/", "");
      calls.push({ action, body: JSON.parse(raw) });
      res.writeHead(action === "ping" ? 200 : 202).end();
    });
    await new Promise<void>((r) => saas.listen(0, "127.0.0.1", r));
    const m = cleanManifest();
    m.systems = [
      {
        id: "crm",
        kind: "http",
        url: `http://registru:\${CRM_SECRET}@127.0.0.1:${(saas.address() as AddressInfo).port}/api`,
        tables: { contacts: { identity: { email: "email" }, fields: { name: "identity.name", email: "contact.email" }, activity: "orders" } },
      },
    ];
    await applyManifest(w.ctx(), loadObject(m, "shop.yaml"), { slug: "shop", appliedBy: "test" });
    const packages = { dir: "/nonexistent/registru-packages", publicUrl: "http://replaced.on.listen" };
    const env = { CRM_SECRET: SECRET };
    deps = { mailer: w.mailer, packages, env };
    const lock = executionLock(w.t.database.kind);
    // As a worker would: the callback route enqueues, the job runs the execution.
    const execution = { enqueue: async (slug: string, id: string) => void runs.push(runOne(w.ctx(), { ...deps, lock }, slug, id)) };
    registru = await buildServer({ ctx: w.ctx(), database: w.t.database, version: "test", mailer: w.mailer, packages, env, execution });
    registruUrl = await registru.listen({ port: 0, host: "127.0.0.1" });
    packages.publicUrl = registruUrl;
  });
  afterAll(async () => {
    await Promise.allSettled(runs);
    await registru?.close();
    await new Promise((r) => saas?.close(r));
    await w?.close();
  });

  async function verified(right: "erasure" | "access", email = ANA): Promise<string> {
    const { request } = await submitRequest(w.ctx(), "shop", { right, language: "en", subject: { email } }, { actor: "subject", public: true, mailer: w.mailer });
    await verifyRequest(w.ctx(), "shop", request.entryId, w.latestCode(email), { actor: "subject", mailer: w.mailer });
    return request.entryId;
  }

  /** The SaaS calling back, as it would over the network: signed with its secret at its own time. */
  async function callBack(call: SaasCall, answer: Record<string, unknown>, opts: { secret?: string; at?: Date; token?: string; url?: string } = {}) {
    const body = JSON.stringify({ request_id: call.body.request_id, token: opts.token ?? call.body.callback!.token, action: call.action, ...answer });
    const res = await fetch(opts.url ?? call.body.callback!.url, {
      method: "POST",
      headers: { "content-type": "application/json", "registru-signature": signatureHeader(opts.secret ?? SECRET, body, opts.at ?? w.clock.now()) },
      body,
    });
    return { status: res.status, json: (await res.json()) as { status?: string; error?: { code: string } } };
  }
  const settle = async () => {
    while (runs.length) await runs.shift();
  };
  const kinds = async (id: string) => (await getRequest(w.ctx(), "shop", id)).timeline.map((e) => e.kind);
  const answersTo = (email: string) => w.smtp.to(email).filter((m) => m.subject.includes("answer to your request"));

  it("erasure: find and erase both answered by callback; the request completes and the letter goes once both came", async () => {
    const id = await verified("erasure");
    expect(await executeRequest(w.ctx(), deps, "shop", id)).toBe("waiting_for_systems");
    const find = calls.find((c) => c.action === "find" && c.body.request_id === id)!;
    expect(find.body.callback).toEqual({ url: `${registruUrl}/o/shop/connectors/crm/callback`, token: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) });
    expect((await findExecution(w.ctx(), "shop", id))!.data).toMatchObject({ state: "finding", awaiting: [{ system: "crm", action: "find" }] });
    // Run again before the answer: nobody is called again.
    const before = calls.length;
    expect(await executeRequest(w.ctx(), deps, "shop", id)).toBe("waiting_for_systems");
    expect(calls.length).toBe(before);

    expect(await callBack(find, { status: "done", result: { tables: { contacts: [{ id: 7, name: "Ana P.", email: ANA }] } } })).toEqual({ status: 200, json: { status: "recorded" } });
    await settle();
    const erase = calls.find((c) => c.action === "erase" && c.body.request_id === id)!;
    expect(erase.body).toMatchObject({ identities: { email: [ANA] }, tables: { contacts: "erase" }, callback: { url: find.body.callback!.url } });
    expect(erase.body.callback!.token).not.toBe(find.body.callback!.token);
    expect((await findExecution(w.ctx(), "shop", id))!.data).toMatchObject({ state: "waiting_for_systems", systems: [{ system: "crm", pending: {} }] });
    expect((await getRequest(w.ctx(), "shop", id)).state).toBe("in_progress");
    expect(answersTo(ANA)).toHaveLength(0);

    // The same find answer again is a no-op; a different one is refused.
    expect(await callBack(find, { status: "done", result: { tables: { contacts: [{ email: ANA, name: "Ana P.", id: 7 }] } } })).toEqual({ status: 200, json: { status: "duplicate" } });
    expect((await callBack(find, { status: "done", result: { tables: { contacts: [] } } })).json.error!.code).toBe("callback_conflict");

    expect(await callBack(erase, { status: "done", result: { tables: { contacts: { affected: 1 } } } })).toEqual({ status: 200, json: { status: "recorded" } });
    await settle();
    const detail = await getRequest(w.ctx(), "shop", id);
    expect(detail.state).toBe("done");
    expect(detail.request.outcome!.rows).toEqual([{ system: "crm", table: "contacts", found: 1, erased: 1 }]);
    expect(await kinds(id)).toEqual([
      "created",
      "received",
      "code_sent",
      "verified",
      "execution_finding",
      "system_answered",
      "execution_planned",
      "execution_waiting_for_systems",
      "system_answered",
      "outcome_recorded",
      "recipients_notified",
      "completed",
      "letter_sent",
    ]);
    expect(answersTo(ANA)).toHaveLength(1);
    // Identical again after the end: still a no-op, and nothing more is sent.
    expect((await callBack(erase, { status: "done", result: { tables: { contacts: { affected: 1 } } } })).json).toEqual({ status: "duplicate" });
    await settle();
    expect(answersTo(ANA)).toHaveLength(1);
    // A call Registru never made for a closed request: refused.
    expect((await callBack({ ...erase, action: "rectify" }, { status: "done" }, { token: undefined })).json.error!.code).toBe("callback_token_invalid");
  });

  it("refuses what is not the system's fresh, well-formed answer to a call Registru made: 401, 400, 404", async () => {
    const id = await verified("erasure", "ion@example.com");
    expect(await executeRequest(w.ctx(), deps, "shop", id)).toBe("waiting_for_systems");
    const find = calls.find((c) => c.action === "find" && c.body.request_id === id)!;
    const done = { status: "done", result: { tables: { contacts: [] } } };
    expect(await callBack(find, done, { secret: "not-the-secret" })).toMatchObject({ status: 401, json: { error: { code: "callback_signature_invalid" } } });
    expect(await callBack(find, done, { at: new Date(w.clock.now().getTime() - 6 * 60_000) })).toMatchObject({ status: 401, json: { error: { code: "callback_stale" } } });
    const other = calls.find((c) => c.action === "find" && c.body.request_id !== id)!;
    expect(await callBack(find, done, { token: other.body.callback!.token })).toMatchObject({ status: 401, json: { error: { code: "callback_token_invalid" } } });
    expect(await callBack(find, { status: "maybe" })).toMatchObject({ status: 400, json: { error: { code: "callback_body_invalid" } } });
    expect(await callBack(find, done, { url: find.body.callback!.url.replace("/crm/", "/nothing/") })).toMatchObject({ status: 404, json: { error: { code: "connector_unknown_system" } } });
    const unsigned = await fetch(find.body.callback!.url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { error: { code: string } }).error.code).toBe("callback_signature_invalid");
    // None of them was recorded: the real answer still is.
    expect((await findExecution(w.ctx(), "shop", id))!.data.state).toBe("finding");
    // Two identical answers at once: one is recorded, the other finds it.
    const both = await Promise.all([callBack(find, done), callBack(find, done)]);
    expect(both.map((r) => r.json.status).sort()).toEqual(["duplicate", "recorded"]);
    await settle();
    // Nothing found: nothing to erase, the request is answered.
    expect((await getRequest(w.ctx(), "shop", id)).state).toBe("done");
  });

  it("a system whose callback says the erase failed leaves the request to staff, with its reason as the task", async () => {
    const email = "elena@example.com";
    const id = await verified("erasure", email);
    expect(await executeRequest(w.ctx(), deps, "shop", id)).toBe("waiting_for_systems");
    const find = calls.find((c) => c.action === "find" && c.body.request_id === id)!;
    await callBack(find, { status: "done", result: { tables: { contacts: [{ id: 9, name: "Elena", email }] } } });
    await settle();
    const erase = calls.find((c) => c.action === "erase" && c.body.request_id === id)!;
    expect((await callBack(erase, { status: "failed", reason: "the contact is locked by an open ticket" })).json).toEqual({ status: "recorded" });
    await settle();
    const exec = (await findExecution(w.ctx(), "shop", id))!.data;
    expect(exec.state).toBe("waiting_for_staff");
    expect(exec.tasks).toContainEqual({ kind: "search_system", target: "crm", text: 'System "crm" answered that its erase failed: the contact is locked by an open ticket. Do it in that system by hand, then complete the request.' });
    expect((await getRequest(w.ctx(), "shop", id)).request.outcome!.rows).toEqual([{ system: "crm", table: "contacts", found: 1 }]);
    expect(answersTo(email)).toHaveLength(0);
  });

  it("access: the rows an HTTP system gave by callback are in the package", async () => {
    const email = "maria@example.com";
    const id = await verified("access", email);
    expect(await executeRequest(w.ctx(), deps, "shop", id)).toBe("waiting_for_systems");
    const find = calls.find((c) => c.action === "find" && c.body.request_id === id)!;
    await callBack(find, { status: "done", result: { tables: { contacts: [{ id: 11, name: "Maria", email }, { id: 12, name: "Maria M.", email }] } } });
    await settle();
    const detail = await getRequest(w.ctx(), "shop", id);
    expect(detail.state).toBe("done");
    expect(detail.request.outcome!.rows).toEqual([{ system: "crm", table: "contacts", found: 2, exported: 2 }]);
    expect(answersTo(email)).toHaveLength(1);
  });
});
