import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planRetention, runRetention } from "../../src/retention/index.ts";
import { backend } from "../helpers/database.ts";
import { openWorld, stamp, type World } from "./helpers.ts";

/** An instant on a day in Bucharest (the test organisation is Romanian): the boundary is local midnight. */
const local = (day: string, time: string) => DateTime.fromISO(`${day}T${time}`, { zone: "Europe/Bucharest" }).toUTC().toISO()!;

/**
 * The boundary convention: data "kept P after X" is kept through the day before X + P and
 * expires on the day X + P, counted in the organisation's local calendar days. Weekends and
 * public holidays do not move it.
 */
async function expiresExactlyOn(w: World, slug: string, table: string, day: string, dayBefore: string) {
  const before = await planRetention(w.at(local(dayBefore, "23:59:59")), slug, { env: w.env });
  const on = await planRetention(w.at(local(day, "00:00:01")), slug, { env: w.env });
  const expired = (p: typeof on) => p.tables.find((t) => t.table === table)!.counts.expired;
  return { before: expired(before), on: expired(on) };
}

describe.each(["postgres", "mariadb"] as const)(`seed retention rules expire exactly on their day (organisation on %s, Registru on ${backend})`, (kind) => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld(kind);
    const ts = stamp(kind);
    await w.org.exec(`
      create table enquiries (id integer primary key, email varchar(254), message varchar(500), answered_at ${ts});
      insert into enquiries values (1, 'ana@example.com', 'question', '2026-01-15 23:30:00'), (2, 'bob@example.com', 'open question', null), (3, 'eva@example.com', 'later', '2026-01-16 00:10:00');
      create table hits (id integer primary key, client_id varchar(64), ip varchar(45), collected_at ${ts} not null);
      create index hits_collected_at on hits (collected_at);
      insert into hits values (1, 'GA1.1.111', '192.0.2.0', '2024-12-31 10:00:00'), (2, 'GA1.1.222', '192.0.2.0', '2025-01-01 08:00:00');
      create table contracts (id integer primary key, name varchar(200), contract_end date);
      insert into contracts values (1, 'Ana', '2023-03-01'), (2, 'Bob', null), (3, 'Eva', '2022-12-01');
      create table calls (id integer primary key, phone varchar(32), recording varchar(200), recorded_at ${ts} not null);
      insert into calls values (1, '+40721000001', 'rec-1.ogg', '2025-10-14 09:00:00'), (2, '+40721000002', 'rec-2.ogg', '2025-10-15 09:00:00');
      create table access_logs (id integer primary key, staff_login varchar(64) not null, ip varchar(45), accessed_at ${ts} not null, result varchar(10) not null);
      insert into access_logs values (1, 'operator1', '10.0.0.1', '2025-03-10 08:00:00', 'success');
    `);
    const activity = (id: string, retention: Record<string, unknown>) => ({ id, retention });
    await w.apply([activity("enquiries", { keep: "P90D", after: "final_answer", then: "delete_or_anonymise" })], {
      enquiries: { identity: { email: "email" }, fields: { email: "contact.email", message: "communication.content", answered_at: "event.final_answer" }, activity: "enquiries" },
    }, "promedia-enquiries");
    await w.apply([activity("google_analytics", { keep: "P14M", after: "collection", then: "delete" })], {
      hits: { fields: { client_id: "device.cookie_id", ip: "device.ip", collected_at: "event.collection" }, activity: "google_analytics" },
    }, "promedia-analytics");
    await w.apply([activity("contracts", { keep: "P3Y", after: "contract_end", then: "delete" })], {
      contracts: { fields: { name: "identity.name", contract_end: "event.contract_end" }, activity: "contracts" },
    }, "registratura");
    await w.apply([activity("support_calls", { keep: "P180D", after: "call_recorded", then: "delete_or_anonymise" })], {
      calls: { identity: { phone: "phone" }, fields: { phone: "contact.phone", recording: "communication.call_recording", recorded_at: "event.call_recorded" }, activity: "support_calls" },
    }, "eldrive-calls");
    await w.apply([activity("access_logging", { keep: "P1Y", after: "access", then: "delete" })], {
      access_logs: { fields: { staff_login: "online.usage", ip: "device.ip", accessed_at: "event.access", result: "online.usage" }, activity: "access_logging" },
    }, "eldrive-access");
  });
  afterAll(() => w?.close());

  it("S2-02 an answered enquiry is deleted 90 days after the final answer (23:30 local on 15 Jan → 15 Apr), never before; unanswered ones stay", async () => {
    expect(await expiresExactlyOn(w, "promedia-enquiries", "enquiries", "2026-04-15", "2026-04-14")).toEqual({ before: 0, on: 1 });
    const run = await runRetention(w.at(local("2026-04-15", "00:00:01")), "promedia-enquiries", { env: w.env, trigger: "cli", actor: "test" });
    expect(run.data.tables[0]!.counts).toMatchObject({ expired: 1, deleted: 1 });
    expect((await w.rows("select id from enquiries order by id")).map((r) => Number(r.id))).toEqual([2, 3]);
  });

  it("S2-05 analytics statistics are deleted after 14 months: 31 Dec 2024 → 28 Feb 2026 (a Saturday; the short month's last day)", async () => {
    expect(await expiresExactlyOn(w, "promedia-analytics", "hits", "2026-02-28", "2026-02-27")).toEqual({ before: 0, on: 1 });
    expect(await expiresExactlyOn(w, "promedia-analytics", "hits", "2026-03-01", "2026-02-28")).toEqual({ before: 1, on: 2 });
  });

  it("holidays do not move retention: a contract ended 1 Dec 2022 expires on 1 Dec 2025, Romania's National Day", async () => {
    expect(await expiresExactlyOn(w, "registratura", "contracts", "2025-12-01", "2025-11-30")).toEqual({ before: 0, on: 1 });
  });

  it("S3-04 contract data goes 3 years after the contract ends; an ongoing contract (no end date) never expires", async () => {
    expect(await expiresExactlyOn(w, "registratura", "contracts", "2026-03-01", "2026-02-28")).toEqual({ before: 1, on: 2 });
    const run = await runRetention(w.at(local("2026-03-01", "08:00:00")), "registratura", { env: w.env, trigger: "cli", actor: "test" });
    expect(run.data.tables[0]!.counts).toMatchObject({ expired: 2, deleted: 2 });
    expect((await w.rows("select id from contracts")).map((r) => Number(r.id))).toEqual([2]);
  });

  it("S4-10 call recordings are kept 180 days: recorded 14 Oct 2025 → gone on 12 Apr 2026, Orthodox Easter Sunday, not moved past Easter Monday", async () => {
    expect(await expiresExactlyOn(w, "eldrive-calls", "calls", "2026-04-12", "2026-04-11")).toEqual({ before: 0, on: 1 });
    const run = await runRetention(w.at(local("2026-04-12", "12:00:00")), "eldrive-calls", { env: w.env, trigger: "cli", actor: "test" });
    expect(run.data.tables[0]).toMatchObject({ periods: [{ cutoff: "2025-10-14" }], counts: { expired: 1, deleted: 1 } });
    expect((await w.rows("select id from calls")).map((r) => Number(r.id))).toEqual([2]);
  });

  it("S4-20 access logs are kept at least one year: still there on day 365, expired on the anniversary", async () => {
    expect(await expiresExactlyOn(w, "eldrive-access", "access_logs", "2026-03-10", "2026-03-09")).toEqual({ before: 0, on: 1 });
    await runRetention(w.at(local("2026-03-09", "23:59:59")), "eldrive-access", { env: w.env, trigger: "cli", actor: "test" });
    expect(await w.count("access_logs")).toBe(1);
  });
});
