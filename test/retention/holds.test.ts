import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHold, holdLastDay, holdStatus, listHolds, planRetention, releaseHold, runRetention, setProceedingsEnd } from "../../src/retention/index.ts";
import { backend } from "../helpers/database.ts";
import { openWorld, stamp, type World } from "./helpers.ts";

const tables = {
  customers: { identity: { email: "email" }, fields: { email: "contact.email", name: "identity.name", contract_end: "event.contract_end" }, activity: "accounts" },
  orders: { belongs_to: { customer_id: "customers.id" }, fields: { note: "commercial.contract" }, activity: "order_history" },
};
const activities = [
  { id: "accounts", retention: { keep: "P3Y", after: "contract_end", then: "delete" } },
  // No rule of its own: orders go with their customer.
  { id: "order_history", retention: undefined },
];

describe.each(["postgres", "mariadb"] as const)(`legal holds override retention rules (organisation on %s, Registru on ${backend})`, (kind) => {
  let w: World;
  let n = 0;
  let slug = "";
  const run = (at: string) => runRetention(w.at(at), slug, { env: w.env, trigger: "cli", actor: "test" });
  const plan = (at: string) => planRetention(w.at(at), slug, { env: w.env });
  const customers = (p: Awaited<ReturnType<typeof plan>>) => p.tables.find((t) => t.table === "customers")!.counts;
  const ids = async (table: string) => (await w.rows(`select id from ${table} order by id`)).map((r) => Number(r.id));

  beforeAll(async () => {
    w = await openWorld(kind);
  });
  beforeEach(async () => {
    slug = `holds-${++n}`;
    await w.org.exec(`
      drop table if exists orders; drop table if exists customers;
      create table customers (id integer primary key, email varchar(254) not null, name varchar(200), contract_end ${stamp(kind)});
      create unique index customers_email on customers (email);
      create table orders (id integer primary key, customer_id integer not null references customers (id), note varchar(100));
      create index orders_customer_id on orders (customer_id);
      insert into customers values (1, 'ana@example.com', 'Ana', '2020-01-10 10:00:00'), (2, 'bob@example.com', 'Bob', '2020-01-10 10:00:00');
      insert into orders values (10, 1, 'a1'), (11, 1, 'a2'), (20, 2, 'b1');
    `);
    await w.apply(activities, tables, slug);
  });
  afterAll(() => w?.close());

  it("a hold on a subject keeps its expired rows and the rows that belong to them; the others go, children first", async () => {
    await createHold(w.at("2024-01-01T00:00:00Z"), slug, { subject: { email: ["Ana@Example.com"] }, reason: "Dosar 123/3/2024" }, "test");
    const planned = await plan("2024-06-01T00:00:00Z");
    expect(planned.holds).toBe(1);
    expect(customers(planned)).toMatchObject({ expired: 2, held: 1, deleted: 1 });
    const done = await run("2024-06-01T00:00:00Z");
    expect(done.data.tables.map((t) => [t.table, t.counts.deleted])).toEqual([
      ["orders", 1],
      ["customers", 1],
    ]);
    expect([await ids("customers"), await ids("orders")]).toEqual([
      [1],
      [10, 11],
    ]);
  });

  it("S4-14 data under court proceedings is kept until 5 years after they end: held while they go on, then to the day", async () => {
    const hold = await createHold(w.at("2024-01-01T00:00:00Z"), slug, { subject: { email: ["ana@example.com"] }, reason: "Proceedings against the customer", keep: "P5Y" }, "test");
    expect(holdLastDay(hold.data)).toBeNull();
    expect(customers(await plan("2040-01-01T12:00:00Z"))).toMatchObject({ expired: 2, held: 1 });
    const ended = await setProceedingsEnd(w.at("2027-03-20T00:00:00Z"), slug, hold.entryId, "2027-03-15", "test");
    expect(holdLastDay(ended.data)).toBe("2032-03-14");
    expect(customers(await plan("2032-03-14T21:59:00Z"))).toMatchObject({ held: 1 }); // 23:59 in Bucharest
    expect(holdStatus(ended.data, "2032-03-15")).toBe("ended");
    expect(customers(await plan("2032-03-14T22:01:00Z"))).toMatchObject({ expired: 2, held: 0, deleted: 2 });
    await run("2032-03-14T22:01:00Z");
    expect(await ids("customers")).toEqual([]);
  });

  it("a hold on one record keeps that record only; a released hold keeps nothing and stays in the register", async () => {
    const hold = await createHold(w.at("2024-01-01T00:00:00Z"), slug, { record: { system: "app", table: "customers", key: 2 }, reason: "Audit", until: "2030-12-31" }, "test");
    expect(customers(await plan("2024-06-01T00:00:00Z"))).toMatchObject({ expired: 2, held: 1, deleted: 1 });
    expect(customers(await plan("2031-01-01T12:00:00Z"))).toMatchObject({ held: 0, deleted: 2 });
    await releaseHold(w.at("2024-02-01T00:00:00Z"), slug, hold.entryId, "test");
    expect(customers(await plan("2024-06-01T00:00:00Z"))).toMatchObject({ held: 0, deleted: 2 });
    expect((await listHolds(w.at("2024-06-01T00:00:00Z"), slug)).map((h) => holdStatus(h.data, "2024-06-01"))).toEqual(["released"]);
  });

  it("refuses a hold on both a subject and a record, or with until and keep at once (400, paths only)", async () => {
    await expect(createHold(w.at("2024-01-01T00:00:00Z"), slug, { subject: { email: ["a@b.c"] }, record: { system: "app", table: "customers", key: 1 }, reason: "x" }, "test")).rejects.toMatchObject({
      code: "invalid_legal_hold",
      status: 400,
    });
    await expect(createHold(w.at("2024-01-01T00:00:00Z"), slug, { subject: { email: ["a@b.c"] }, reason: "x", until: "2030-01-01", keep: "P5Y" }, "test")).rejects.toMatchObject({ code: "invalid_legal_hold" });
  });
});
