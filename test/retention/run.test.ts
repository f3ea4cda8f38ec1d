import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEffects, openSystems } from "../../src/connectors/index.ts";
import { getOrganisation } from "../../src/organisations/index.ts";
import { anonymisationKey, planRetention, runRetention, type RetentionPlan } from "../../src/retention/index.ts";
import { backend } from "../helpers/database.ts";
import { openWorld, stamp, type World } from "./helpers.ts";

const N = 40;
/** Customer i closed its account i*20 days after 1 Jan 2022 (every 5th never did); every 3rd has a recent invoice. */
const closed = (i: number) => (i % 5 === 0 ? null : new Date(Date.UTC(2022, 0, 1) + i * 20 * 86_400_000).toISOString().slice(0, 19).replace("T", " "));
const seed = (kind: "postgres" | "mariadb") => `
  drop table if exists tickets; drop table if exists invoices; drop table if exists customers;
  create table customers (id integer primary key, email varchar(254) not null, name varchar(100) not null, phone varchar(32), fee decimal(10, 2) not null, closed_at ${stamp(kind)});
  create unique index customers_email on customers (email);
  create table invoices (id integer primary key, customer_id integer not null references customers (id), amount decimal(10, 2) not null, issued_at ${stamp(kind)} not null);
  create index invoices_customer_id on invoices (customer_id);
  create table tickets (id integer primary key, customer_id integer not null references customers (id), subject varchar(200));
  create index tickets_customer_id on tickets (customer_id);
  insert into customers values ${Array.from({ length: N }, (_, i) => `(${i + 1}, 'c${i + 1}@example.com', 'Customer Number${i + 1}', '+407210000${String(i).padStart(2, "0")}', ${10 + i}.25, ${closed(i) ? `'${closed(i)}'` : "null"})`).join(", ")};
  insert into invoices values ${Array.from({ length: N / 4 }, (_, k) => `(${k + 1}, ${k * 3 + 1}, 9.99, '2023-06-0${(k % 9) + 1} 10:00:00')`).join(", ")};
  insert into tickets values ${Array.from({ length: N * 2 }, (_, k) => `(${k + 1}, ${(k % N) + 1}, 'ticket ${k + 1}')`).join(", ")};
`;

const tables = {
  customers: {
    identity: { email: "email", phone: "phone" },
    fields: { email: "contact.email", name: "identity.name", phone: "contact.phone", fee: "financial.transactions", closed_at: "event.account_closed" },
    activity: "accounts",
  },
  invoices: { belongs_to: { customer_id: "customers.id" }, fields: { amount: "financial.invoices", issued_at: "event.invoice_issued" }, activity: "invoicing" },
  tickets: { belongs_to: { customer_id: "customers.id" }, fields: { subject: "communication.content" }, activity: "support" },
};
const activities = [
  { id: "accounts", retention: { keep: "P1Y", after: "account_closed", then: "delete_or_anonymise" } },
  { id: "invoicing", retention: { keep: "P10Y", after: "invoice_issued", then: "delete" } },
  { id: "support", retention: undefined },
];

describe.each(["postgres", "mariadb"] as const)(`a retention run in batches (organisation on %s, Registru on ${backend})`, (kind) => {
  let w: World;
  const at = "2025-01-01T10:00:00Z";
  const evidence = (p: Pick<RetentionPlan, "tables">) => Object.fromEntries(p.tables.map((t) => [t.table, t.counts]));
  const snapshot = () => w.rows("select id, email, name, phone, fee from customers order by id");

  beforeAll(async () => {
    w = await openWorld(kind);
    await w.org.exec(seed(kind));
    await w.apply(activities, tables, "shop");
    await w.apply([{ ...activities[0], retention: { keep: "P1Y", after: "account_closed", then: "delete" } }, ...activities.slice(1)], tables, "strict");
  });
  afterAll(() => w?.close());

  it("then: delete keeps an expired row that rows staying elsewhere still reference, and says so; its children stay with it", async () => {
    const strict = evidence(await planRetention(w.at(at), "strict", { env: w.env }));
    const shop = evidence(await planRetention(w.at(at), "shop", { env: w.env }));
    expect(strict.customers).toMatchObject({ expired: shop.customers!.expired, kept_referenced: shop.customers!.anonymised, anonymised: 0, deleted: shop.customers!.deleted });
    expect(strict.tickets).toMatchObject({ deleted: shop.customers!.deleted * 2, anonymised: 0 });
  });

  it("does what the plan said, batch by batch: children first, referenced parents anonymised, no dangling reference", async () => {
    const plan = await planRetention(w.at(at), "shop", { env: w.env, batchSize: 7 });
    // P1Y as of 1 Jan 2025: accounts closed on or before 1 Jan 2024 have expired.
    const expired = Array.from({ length: N }, (_, i) => closed(i)).filter((c) => c !== null && c < "2024-01-02").length;
    expect(evidence(plan).customers!.expired).toBe(expired);
    const run = await runRetention(w.at(at), "shop", { env: w.env, batchSize: 7, trigger: "cli", actor: "test" });
    expect(run.data.tables.map(({ cursor: _c, done: _d, ...t }) => t)).toEqual(plan.tables);
    expect(run.data.batches).toBe(Math.ceil(expired / 7));
    const c = evidence(plan);
    expect(c.customers!.deleted + c.customers!.anonymised).toBe(expired);
    expect(c.customers!.anonymised).toBeGreaterThan(0);
    expect(await w.count("customers")).toBe(N - c.customers!.deleted);
    expect(c.tickets).toMatchObject({ deleted: c.customers!.deleted * 2, anonymised: c.customers!.anonymised * 2 });
    expect(await w.count("tickets")).toBe(N * 2 - c.tickets!.deleted);
    expect(await w.count("invoices")).toBe(N / 4);
    for (const child of ["tickets", "invoices"]) {
      expect(await w.rows(`select count(*) as n from ${child} x left join customers c on c.id = x.customer_id where c.id is null`)).toEqual([{ n: kind === "postgres" ? "0" : 0 }]);
    }
    const anonymised = await w.rows("select * from customers where phone is null order by id");
    expect(anonymised).toHaveLength(c.customers!.anonymised);
    for (const row of anonymised) {
      expect(row.email).toMatch(/^[a-z]\d+@[a-z]+\.com$/);
      expect(row.name).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+\d+$/);
      expect(row.email).not.toBe(`c${row.id}@example.com`);
    }
    expect(await w.rows("select count(*) as n from tickets where subject is null")).toEqual([{ n: kind === "postgres" ? String(c.tickets!.anonymised) : c.tickets!.anonymised }]);
  });

  it("does not anonymise a row twice: a second run counts them as already anonymised, and re-applying the effect writes the same values", async () => {
    const before = await snapshot();
    const again = await runRetention(w.at(at), "shop", { env: w.env, batchSize: 7, fresh: true, trigger: "cli", actor: "test" });
    const customers = evidence(again.data).customers!;
    expect(customers).toMatchObject({ deleted: 0, anonymised: 0 });
    expect(customers.already_anonymised).toBe(before.filter((r) => r.phone === null).length);
    expect(await snapshot()).toEqual(before);
    // The connectors' anonymisation is deterministic: the same key and row give the same value.
    const ctx = w.at(at);
    const { tenant } = await getOrganisation(ctx, "shop");
    const systems = openSystems([{ id: "app", kind, url: w.org.url, tables }]);
    try {
      const keys = before.filter((r) => r.phone === null).map((r) => Number(r.id));
      await applyEffects(systems, "app", [{ kind: "anonymise", table: "customers", keys, columns: { email: "format_preserving", name: "format_preserving", phone: "null", fee: "format_preserving" } }], {
        secret: await anonymisationKey(ctx.db, tenant.tenantId),
      });
    } finally {
      await systems.close();
    }
    expect(await snapshot()).toEqual(before);
  });
});
