import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/apikeys/index.ts";
import { fixedClock } from "../../src/clock.ts";
import { buildServer } from "../../src/http/server.ts";
import { startQueue, type Queue } from "../../src/jobs/queue.ts";
import { createLogger } from "../../src/logger.ts";
import { applyManifest } from "../../src/organisations/index.ts";
import { retentionRunJob } from "../../src/retention/index.ts";
import { organisationPostgres, query, type OrganisationDatabase } from "../connectors/helpers/databases.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { cleanManifest, loadObject } from "../helpers/manifests.ts";
import { manifestWith } from "./helpers.ts";

const base = "/api/v1/organisations/exemplu";

describe(`retention and legal-hold API, runs executed by the queue's worker (Registru on ${backend})`, () => {
  let t: TestDatabase;
  let org: OrganisationDatabase;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let queue: Queue;
  let key: string;
  let otherKey: string;
  const logs: string[] = [];
  const auth = (k: string) => ({ authorization: `Bearer ${k}` });

  beforeAll(async () => {
    [t, org] = await Promise.all([openTestDatabase(), organisationPostgres()]);
    await org.exec(`
      create table customers (id integer primary key, email varchar(254) not null, name varchar(100), closed_at timestamp);
      create unique index customers_email on customers (email);
      insert into customers values (1, 'ana@example.com', 'Ana', '2020-01-01 10:00:00'), (2, 'bob@example.com', 'Bob', '2020-01-01 10:00:00'), (3, 'eva@example.com', 'Eva', null);
    `);
    process.env.RETENTION_HTTP_URL = org.url;
    const sink = new Writable({ write: (chunk, _enc, done) => (logs.push(String(chunk)), done()) });
    const ctx = { ...t.ctx(fixedClock("2026-11-23T10:00:00Z")), log: createLogger("info", sink) };
    const manifest = manifestWith([{ id: "accounts", retention: { keep: "P3Y", after: "account_closed", then: "delete" } }], {
      id: "app",
      kind: "postgres",
      url: "${RETENTION_HTTP_URL}",
      tables: { customers: { identity: { email: "email" }, fields: { email: "contact.email", name: "identity.name", closed_at: "event.account_closed" }, activity: "accounts" } },
    });
    await applyManifest(ctx, loadObject(manifest), { slug: "exemplu", appliedBy: "test" });
    await applyManifest(ctx, loadObject(cleanManifest()), { slug: "other", appliedBy: "test" });
    key = (await createApiKey(ctx, "exemplu", { name: "dpo" })).key;
    otherKey = (await createApiKey(ctx, "other")).key;
    queue = await startQueue(t.database, ctx, [retentionRunJob], { work: true });
    app = await buildServer({ ctx, database: t.database, version: "test", retention: { enqueue: async (slug, runId) => void (await queue.send(retentionRunJob.name, { slug, runId })) } });
  }, 60_000);
  afterAll(async () => {
    delete process.env.RETENTION_HTTP_URL;
    await app?.close();
    await queue?.stop();
    await Promise.all([t?.drop(), org?.drop()]);
  });

  it("publishes the routes in the OpenAPI document", async () => {
    const paths = Object.keys((await app.inject({ method: "GET", url: "/openapi.json" })).json().paths);
    expect(paths).toEqual(expect.arrayContaining(["/api/v1/organisations/{slug}/retention/plan", "/api/v1/organisations/{slug}/retention/runs/{runId}", "/api/v1/organisations/{slug}/legal-holds/{holdId}"]));
  });

  it("asks for the organisation's own API key", async () => {
    expect((await app.inject({ method: "GET", url: `${base}/retention/plan` })).statusCode).toBe(401);
    expect((await app.inject({ method: "GET", url: `${base}/retention/plan`, headers: auth(otherKey) })).statusCode).toBe(403);
    expect((await app.inject({ method: "GET", url: `${base}/legal-holds`, headers: auth(otherKey) })).statusCode).toBe(403);
  });

  it("holds a subject, shows it in the plan, sets the proceedings' end and releases it", async () => {
    const created = await app.inject({ method: "POST", url: `${base}/legal-holds`, headers: auth(key), payload: { subject: { email: ["ana@example.com"] }, reason: "Dosar 1/2026", keep: "P5Y" } });
    expect(created.statusCode).toBe(201);
    const hold = created.json();
    expect(hold).toMatchObject({ id: expect.stringMatching(/^legal_hold-2026-\d{3}$/), status: "active", lastDay: null, keep: "P5Y" });
    const plan = await app.inject({ method: "GET", url: `${base}/retention/plan`, headers: auth(key) });
    expect(plan.statusCode).toBe(200);
    expect(plan.json()).toMatchObject({ today: "2026-11-23", holds: 1, tables: [{ table: "customers", counts: { expired: 2, held: 1, deleted: 1 }, periods: [{ cutoff: "2023-11-23" }] }] });
    const ended = await app.inject({ method: "PATCH", url: `${base}/legal-holds/${hold.id}`, headers: auth(key), payload: { ends: "2026-10-01" } });
    expect(ended.json()).toMatchObject({ ends: "2026-10-01", lastDay: "2031-09-30", status: "active" });
    const released = await app.inject({ method: "DELETE", url: `${base}/legal-holds/${hold.id}`, headers: auth(key) });
    expect(released.json()).toMatchObject({ status: "released", releasedAt: "2026-11-23T10:00:00.000Z" });
    const list = await app.inject({ method: "GET", url: `${base}/legal-holds`, headers: auth(key) });
    expect(list.json().holds.map((h: { id: string; status: string }) => [h.id, h.status])).toEqual([[hold.id, "released"]]);
    const bad = await app.inject({ method: "POST", url: `${base}/legal-holds`, headers: auth(key), payload: { reason: "nothing held" } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe("invalid_legal_hold");
  });

  it("starts a run as a job; the worker executes it and the evidence matches the plan", async () => {
    const plan = (await app.inject({ method: "GET", url: `${base}/retention/plan`, headers: auth(key) })).json();
    const started = await app.inject({ method: "POST", url: `${base}/retention/runs`, headers: auth(key) });
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ status: "queued", trigger: "api", requestedBy: expect.stringMatching(/^apikey:/) });
    const id = started.json().id as string;
    let run: { status: string; tables: Array<{ counts: unknown; done: boolean }> } | undefined;
    for (let i = 0; i < 200 && run?.status !== "completed"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = (await app.inject({ method: "GET", url: `${base}/retention/runs/${id}`, headers: auth(key) })).json();
    }
    expect(run).toMatchObject({ status: "completed", tables: [{ counts: plan.tables[0].counts, done: true }] });
    expect((await query(org.url, "select id from customers")).map((r) => r.id)).toEqual([3]);
    const runs = (await app.inject({ method: "GET", url: `${base}/retention/runs`, headers: auth(key) })).json();
    expect(runs.runs.map((r: { id: string }) => r.id)).toEqual([id]);
    expect(logs.join("")).not.toMatch(/ana@example|bob@example/);
  });
});
