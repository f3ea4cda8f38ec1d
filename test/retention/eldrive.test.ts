import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoDatabase } from "../../examples/demo-db/load.ts";
import { fixedClock } from "../../src/clock.ts";
import { applyManifest } from "../../src/organisations/index.ts";
import { planRetention, runRetention, type RetentionPlan } from "../../src/retention/index.ts";
import { organisationMariadb, organisationPostgres, query, type OrganisationDatabase } from "../connectors/helpers/databases.ts";
import { backend, openTestDatabase, type TestDatabase } from "../helpers/database.ts";
import { loadExample } from "../helpers/manifests.ts";

const local = (day: string, time: string) => DateTime.fromISO(`${day}T${time}`, { zone: "Europe/Bucharest" }).toUTC().toISO()!;

/**
 * Two customers on eldrive's demo schema, the same rows in app_db (PostgreSQL) and legacy_db
 * (MariaDB): c10 ended the contract on 10 Mar 2025 and settled the last payment on 20 May 2025
 * (the later of the two), last logged in on 1 Jan 2026; c11 has a running contract and last
 * logged in on 30 Jun 2025.
 */
const rows = `
  delete from payments; delete from charging_sessions; delete from customers;
  insert into customers (id, email, phone, full_name, home_address, last_login_at, contract_ended_at) values
    (10, 'ana.popescu@example.com', '+40721000010', 'Ana Popescu', 'Str. Exemplu 1', '2026-01-01 09:00:00', '2025-03-10 10:00:00'),
    (11, 'ion.ionescu@example.com', null, 'Ion Ionescu', null, '2025-06-30 18:00:00', null);
  insert into payments (id, customer_id, amount, due_date, invoice_number, settled_at) values (100, 10, 97.50, '2025-04-30', 'ELD-2025-00100', '2025-05-20 12:00:00');
  insert into charging_sessions (id, customer_id, started_at, ended_at, station_id, fee) values
    (1000, 10, '2025-02-01 07:30:00', '2025-02-01 08:10:00', 'RO-B-0001', 42.50),
    (1100, 11, '2025-06-29 18:05:00', '2025-06-29 19:00:00', 'RO-B-0007', 55.00);
`;

describe(`S4-14 eldrive's retention table on app_db (PostgreSQL) and legacy_db (MariaDB), Registru on ${backend}`, () => {
  let t: TestDatabase;
  let app: OrganisationDatabase;
  let legacy: OrganisationDatabase;
  let env: Record<string, string>;
  const both = async (sql: string) => [await query(app.url, sql), await query(legacy.url, sql)];
  const ids = async (table: string) => (await both(`select id from ${table} order by id`)).map((r) => r.map((x) => Number(x.id)));
  const counts = (plan: Pick<RetentionPlan, "tables">, table: string) => plan.tables.filter((x) => x.table === table).map((x) => x.counts);
  const expired = async (instant: string, table: string) => counts(await planRetention(t.ctx(fixedClock(instant)), "eldrive", { env }), table).map((c) => c.expired);
  /** Plans and runs at the same instant: the run does what the plan said, on both databases. */
  const planAndRun = async (instant: string) => {
    const ctx = t.ctx(fixedClock(instant));
    const plan = await planRetention(ctx, "eldrive", { env });
    const run = await runRetention(ctx, "eldrive", { env, trigger: "cli", actor: "test" });
    expect(run.data.status).toBe("completed");
    expect(run.data.tables.map(({ cursor: _c, done: _d, ...rest }) => rest)).toEqual(plan.tables);
    return run.data;
  };

  beforeAll(async () => {
    [t, app, legacy] = await Promise.all([openTestDatabase(), organisationPostgres(), organisationMariadb()]);
    await Promise.all([loadDemoDatabase(app.url), loadDemoDatabase(legacy.url)]);
    await Promise.all([app.exec(rows), legacy.exec(rows)]);
    env = { ELDRIVE_DATABASE_URL: app.url, ELDRIVE_LEGACY_DATABASE_URL: legacy.url };
    await applyManifest(t.ctx(fixedClock("2025-01-01T00:00:00Z")), loadExample("eldrive"), { slug: "eldrive", appliedBy: "test" });
  });
  afterAll(async () => {
    await Promise.all([t?.drop(), app?.drop(), legacy?.drop()]);
  });

  it("S4-14 charging-session details go 2 years after the later of contract end and payment settlement (20 May 2025 → 20 May 2027)", async () => {
    expect(await expired(local("2027-05-19", "23:59:59"), "charging_sessions")).toEqual([0, 0]);
    expect(await expired(local("2027-05-20", "00:00:01"), "charging_sessions")).toEqual([1, 1]);
    const run = await planAndRun(local("2027-05-20", "00:00:01"));
    expect(run.tables.find((x) => x.table === "charging_sessions")!.by_rule).toEqual({ "charging_sessions: P2Y after latest(contract_end, payment_settled)": 1 });
    expect(await ids("charging_sessions")).toEqual([[1100], [1100]]);
  });

  it("S4-14 charging-session details of an inactive account go 2 years after the last login (30 Jun 2025 → 30 Jun 2027)", async () => {
    expect(await expired(local("2027-06-29", "23:59:59"), "charging_sessions")).toEqual([0, 0]);
    const run = await planAndRun(local("2027-06-30", "00:00:01"));
    expect(run.tables.filter((x) => x.table === "charging_sessions").map((x) => x.by_rule)).toEqual([
      { "charging_sessions (inactive): P2Y after last_login": 1 },
      { "charging_sessions (inactive): P2Y after last_login": 1 },
    ]);
    expect(await ids("charging_sessions")).toEqual([[], []]);
  });

  it("S4-14 client data goes 3 years after the later of contract end and payment: anonymised while accounting still keeps its payment", async () => {
    expect(await expired(local("2028-05-19", "23:59:59"), "customers")).toEqual([0, 0]);
    const run = await planAndRun(local("2028-05-20", "00:00:01"));
    expect(counts(run, "customers")).toEqual([0, 1].map(() => ({ expired: 1, held: 0, deleted: 0, anonymised: 1, already_anonymised: 0, kept_referenced: 0 })));
    for (const [row] of await both("select * from customers where id = 10")) {
      expect(row).toMatchObject({ phone: null, home_address: null });
      expect(row!.email).toMatch(/^[a-z]{3}\.[a-z]{7}@[a-z]{7}\.com$/);
      expect(row!.email).not.toBe("ana.popescu@example.com");
      expect(row!.full_name).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{6}$/);
      // The dates retention counts from stay: they are not personal data without the rest.
      expect(new Date(row!.contract_ended_at as string).toISOString().slice(0, 10)).toBe("2025-03-10");
    }
    expect(await ids("payments")).toEqual([[100], [100]]);
  });

  it("S4-14 inactive accounts go 3 years after the last login (30 Jun 2025 → 30 Jun 2028), deleted once nothing references them", async () => {
    expect(await expired(local("2028-06-29", "23:59:59"), "customers")).toEqual([1, 1]);
    const run = await planAndRun(local("2028-06-30", "00:00:01"));
    expect(counts(run, "customers").map((c) => [c.deleted, c.already_anonymised])).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect(await ids("customers")).toEqual([[10], [10]]);
  });

  it("S4-14 accounting data goes 5 years after the later of contract end and payment (→ 20 May 2030); then the anonymised customer row goes too", async () => {
    expect(await expired(local("2030-05-19", "23:59:59"), "payments")).toEqual([0, 0]);
    const run = await planAndRun(local("2030-05-20", "00:00:01"));
    expect(counts(run, "payments").map((c) => c.deleted)).toEqual([1, 1]);
    expect(counts(run, "customers").map((c) => c.deleted)).toEqual([1, 1]);
    expect([await ids("payments"), await ids("customers")]).toEqual([
      [[], []],
      [[], []],
    ]);
  });
});
