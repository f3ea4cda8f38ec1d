import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoDatabase } from "../../examples/demo-db/load.ts";
import { fixedClock } from "../../src/clock.ts";
import type { Context } from "../../src/context.ts";
import { executeRequest } from "../../src/execution/index.ts";
import { createSmtpMailer } from "../../src/mail/index.ts";
import { applyManifest } from "../../src/organisations/index.ts";
import { getRequest, submitRequest, verifyRequest } from "../../src/requests/index.ts";
import { openDatabase, type Database } from "../../src/store/index.ts";
import { organisationMariadb, organisationPostgres, query, type OrganisationDatabase } from "../connectors/helpers/databases.ts";
import { backend, createPostgresDatabase, onPostgres } from "../helpers/database.ts";
import { loadExample } from "../helpers/manifests.ts";
import { codeIn, startSmtp, type TestSmtp } from "../helpers/smtp.ts";

const bin = fileURLToPath(new URL("../../bin/registru.js", import.meta.url));
const ANA = "ana.popescu@example.com";
const TABLES = ["customers", "charging_sessions", "payments"];

/** Every UPDATE and DELETE the executor makes, row by row, counted by the database itself. */
const pgTouches = `create table registru_touch (tbl text not null, id integer not null, op text not null);
create function registru_touch() returns trigger language plpgsql as $$ begin insert into registru_touch values (TG_TABLE_NAME, OLD.id, TG_OP); return null; end $$;
${TABLES.map((t) => `create trigger ${t}_touch after update or delete on ${t} for each row execute function registru_touch();`).join("\n")}`;
const mariaTouches = [
  "create table registru_touch (tbl varchar(40) not null, id integer not null, op varchar(10) not null)",
  ...TABLES.flatMap((t) => ["UPDATE", "DELETE"].map((op) => `create trigger ${t}_${op.toLowerCase()}_touch after ${op.toLowerCase()} on ${t} for each row insert into registru_touch values ('${t}', OLD.id, '${op}')`)),
];

interface Pair {
  app: OrganisationDatabase;
  legacy: OrganisationDatabase;
}

async function demoPair(): Promise<Pair> {
  const app = await organisationPostgres();
  const legacy = await organisationMariadb();
  await loadDemoDatabase(app.url);
  await loadDemoDatabase(legacy.url);
  await app.exec(pgTouches);
  for (const statement of mariaTouches) await legacy.exec(statement);
  return { app, legacy };
}

/** Everything in the demo tables and the touch log, for comparing two databases. */
async function snapshot(db: OrganisationDatabase) {
  const out: Record<string, unknown> = {};
  for (const t of TABLES) out[t] = (await query(db.url, `select * from ${t} order by id`)).map((r) => JSON.parse(JSON.stringify(r)));
  out.touches = await query(db.url, "select tbl, id, op, count(*) as n from registru_touch group by tbl, id, op order by tbl, id, op");
  out.touches = (out.touches as Array<Record<string, unknown>>).map((r) => ({ ...r, n: Number(r.n) }));
  return out;
}

describe(`a worker killed in the middle of a request resumes it without doing anything twice (Registru on ${backend})`, () => {
  let smtp: TestSmtp;
  let single: Pair;
  let killed: Pair;
  let dataDir: string;
  let storeUrl: string | undefined;
  let dropStore: (() => Promise<void>) | undefined;
  const children: ChildProcess[] = [];

  const open = async (): Promise<Database> => {
    const database = await openDatabase(storeUrl ? { url: storeUrl, poolSize: 2 } : { dataDir });
    await database.migrate();
    return database;
  };
  const ctxOf = (database: Database): Context => ({ db: database.db, clock: fixedClock("2026-11-23T10:00:00Z"), log: pino({ level: "silent" }) });

  beforeAll(async () => {
    smtp = await startSmtp();
    single = await demoPair();
    killed = await demoPair();
    dataDir = mkdtempSync(join(tmpdir(), "registru-kill-"));
    if (onPostgres) ({ url: storeUrl, drop: dropStore } = await createPostgresDatabase());
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    await smtp?.close();
    for (const db of [single?.app, single?.legacy, killed?.app, killed?.legacy]) await db?.drop();
    await dropStore?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The worker as it runs in production, in a process of its own; resolves once a line of its output matches. */
  function startWorker(env: Record<string, string>, waitFor: RegExp): { child: ChildProcess; matched: Promise<void> } {
    const args = onPostgres ? [bin, "start", "--role", "worker"] : [bin, "start", "--role", "all", "--port", "0", "--data-dir", dataDir, "--no-examples"];
    const child = spawn(process.execPath, args, {
      env: {
        ...process.env,
        DATABASE_URL: storeUrl ?? "",
        LOG_LEVEL: "info",
        REGISTRU_EXAMPLES: "false",
        ELDRIVE_DATABASE_URL: killed.app.url,
        ELDRIVE_LEGACY_DATABASE_URL: killed.legacy.url,
        SMTP_URL: smtp.url,
        MAIL_FROM: "Registru <privacy@registru.test>",
        REGISTRU_PACKAGES_DIR: join(dataDir, "packages"),
        REGISTRU_PUBLIC_URL: "http://registru.test",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    children.push(child);
    let output = "";
    const matched = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the worker did not print ${waitFor}:\n${output.slice(-2000)}`)), 60_000);
      child.stdout!.on("data", (d: Buffer) => {
        output += d.toString();
        if (waitFor.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
      child.on("exit", (code, signal) => {
        clearTimeout(timer);
        if (!waitFor.test(output)) reject(new Error(`the worker exited (${code ?? signal}):\n${output.slice(-2000)}`));
      });
    });
    return { child, matched };
  }

  const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));

  it("SIGKILL after the first system, restart: the request finishes, each row is erased or anonymised once, counts are not doubled, one letter is sent", async () => {
    // Setup in this process: the organisation, and two verified erasure requests for the same subject.
    let database = await open();
    let ctx = ctxOf(database);
    const mailer = createSmtpMailer({ url: smtp.url, from: "Registru <privacy@registru.test>", log: ctx.log });
    await applyManifest(ctx, loadExample("eldrive"), { slug: "eldrive", appliedBy: "test" });
    const verified = async () => {
      const { request } = await submitRequest(ctx, "eldrive", { right: "erasure", language: "en", subject: { email: ANA } }, { actor: "subject", public: true, mailer });
      await verifyRequest(ctx, "eldrive", request.entryId, codeIn(smtp.to(ANA).at(-1)!), { actor: "subject", mailer });
      return request.entryId;
    };
    // The reference: the same erasure in one uninterrupted run, on the other pair of databases, under the same organisation key.
    const reference = await verified();
    const packages = { dir: join(dataDir, "packages"), publicUrl: "http://registru.test" };
    expect(await executeRequest(ctx, { mailer, packages, env: { ELDRIVE_DATABASE_URL: single.app.url, ELDRIVE_LEGACY_DATABASE_URL: single.legacy.url } }, "eldrive", reference)).toBe("completed");
    const expectedRows = (await getRequest(ctx, "eldrive", reference)).request.outcome!.rows;
    const id = await verified();
    mailer.close();
    await database.close();

    // First worker: held by the test hook right after the first system is applied and recorded, then killed.
    const first = startWorker({ REGISTRU_TEST_HOLD_AFTER_SYSTEMS: "1" }, /execution held after 1 systems/);
    await first.matched;
    first.child.kill("SIGKILL");
    await exited(first.child);
    expect((await snapshot(killed.app)).touches).toEqual((await snapshot(single.app)).touches);
    expect((await snapshot(killed.legacy)).touches).toEqual([]);

    // Second worker: resumes from the persisted plan at start-up.
    const second = startWorker({}, /"result":"completed"/);
    await second.matched;
    second.child.kill("SIGTERM");
    await exited(second.child);

    for (const system of ["app", "legacy"] as const) expect(await snapshot(killed[system])).toEqual(await snapshot(single[system]));
    database = await open();
    ctx = ctxOf(database);
    try {
      const detail = await getRequest(ctx, "eldrive", id);
      expect(detail.state).toBe("done");
      const byTable = (rows: typeof expectedRows) => [...rows].sort((a, b) => `${a.system}.${a.table}`.localeCompare(`${b.system}.${b.table}`));
      expect(byTable(detail.request.outcome!.rows)).toEqual(byTable(expectedRows));
      const kinds = detail.timeline.map((e) => e.kind);
      expect(kinds.filter((k) => k === "execution_planned")).toHaveLength(1);
      expect(kinds.filter((k) => k === "outcome_recorded")).toHaveLength(2);
      expect(kinds.filter((k) => k === "letter_sent")).toHaveLength(1);
      const ref = id.replace("request-", "");
      expect(smtp.to(ANA).filter((m) => m.subject.includes(`answer to your request no. ${ref}`))).toHaveLength(1);
    } finally {
      await database.close();
    }
  }, 180_000);
});
