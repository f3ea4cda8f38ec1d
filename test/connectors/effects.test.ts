import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { anonymiseRows, applyEffects, deleteRows, openSystems, updateRows, type SystemSpec, type Systems } from "../../src/connectors/index.ts";
import { organisationMariadb, organisationPostgres, organisationSqlite, query, type OrganisationDatabase } from "./helpers/databases.ts";

const spec = (kind: SystemSpec["kind"]): SystemSpec => ({
  id: "app",
  kind,
  url: "${APP_URL}",
  tables: {
    customers: {
      identity: { email: "email" },
      fields: { name: "identity.name", email: "contact.email", phone: "contact.phone", address: "contact.address", fee: "financial.transactions" },
      activity: "a",
    },
    orders: { belongs_to: { customer_id: "customers.id" }, fields: { note: "commercial.orders" }, activity: "a" },
  },
});

const reset = `
  drop table if exists orders;
  drop table if exists customers;
  create table customers (id integer primary key, email varchar(254) not null unique, name varchar(100) not null, phone varchar(32), address varchar(200), fee decimal(10, 2), secret_note varchar(50));
  create table orders (id integer primary key, customer_id integer not null references customers (id), note varchar(50));
  create index orders_customer_id on orders (customer_id);
  insert into customers values (1, 'ana.popescu@example.com', 'Ana Popescu', '+40721000001', 'Str. Exemplu 1, Bucuresti', 42.50, 'x'),
                               (2, 'bob@example.com', 'Bob Ionescu', '+40721000002', 'Str. Demo 2', 10.00, 'y');
  insert into orders values (10, 1, 'first'), (11, 1, 'second'), (12, 2, 'bob''s');
`;

const databases = { postgres: organisationPostgres, mariadb: organisationMariadb, sqlite: organisationSqlite } as const;

describe.each(Object.keys(databases) as Array<keyof typeof databases>)("effects on %s", (kind) => {
  let db: OrganisationDatabase;
  let systems: Systems;
  beforeAll(async () => {
    db = await databases[kind]();
    systems = openSystems([spec(kind)], { env: { APP_URL: db.url } });
  });
  beforeEach(() => db.exec(reset));
  afterAll(async () => {
    await systems?.close();
    await db?.drop();
  });
  const customer = async (id: number) => (await query(db.url, "select * from customers where id = ?".replace("?", kind === "postgres" ? "$1" : "?"), [id]))[0]!;
  const count = async (table: string) => Number((await query(db.url, `select count(*) as n from ${table}`))[0]!.n);

  it("updateRows sets the named fields; re-running it leaves the same data and matches the same rows", async () => {
    const first = await updateRows(systems, "app", "customers", [1], { name: "Ana Maria Popescu", address: null });
    const again = await updateRows(systems, "app", "customers", [1], { name: "Ana Maria Popescu", address: null });
    expect([first.rows, again.rows]).toEqual([1, 1]);
    expect(await customer(1)).toMatchObject({ name: "Ana Maria Popescu", address: null });
    expect(await customer(2)).toMatchObject({ name: "Bob Ionescu" });
  });

  it("refuses to write a column the manifest does not declare, or a table it does not name", async () => {
    await expect(updateRows(systems, "app", "customers", [1], { secret_note: "z" })).rejects.toMatchObject({ code: "connector_unknown_column" });
    await expect(deleteRows(systems, "app", "invoices", [1])).rejects.toMatchObject({ code: "connector_unknown_table" });
  });

  it("deleteRows deletes; deleting an already deleted row is not an error", async () => {
    const outcomes = await applyEffects(systems, "app", [
      { kind: "delete", table: "orders", keys: [10, 11] },
      { kind: "delete", table: "customers", keys: [1] },
    ]);
    expect(outcomes).toEqual([
      { kind: "delete", table: "orders", rows: 2 },
      { kind: "delete", table: "customers", rows: 1 },
    ]);
    const again = await applyEffects(systems, "app", [
      { kind: "delete", table: "orders", keys: [10, 11] },
      { kind: "delete", table: "customers", keys: [1] },
    ]);
    expect(again.map((o) => o.rows)).toEqual([0, 0]);
    expect([await count("customers"), await count("orders")]).toEqual([1, 1]);
  });

  it("applies a system's effects in one transaction: a failing effect undoes the ones before it", async () => {
    // Deleting the customer before its orders breaks the foreign key: the order deletion before it is rolled back too.
    await expect(
      applyEffects(systems, "app", [
        { kind: "delete", table: "orders", keys: [10] },
        { kind: "delete", table: "customers", keys: [1] },
      ]),
    ).rejects.toMatchObject({ code: "connector_query_failed" });
    expect([await count("customers"), await count("orders")]).toEqual([2, 3]);
  });

  it("anonymiseRows applies each strategy, touches no one else, and re-running it yields the same values", async () => {
    const columns = { name: { fixed: "[erased]" }, email: "hash", phone: "format_preserving", address: "format_preserving", fee: "format_preserving" } as const;
    await db.exec("update customers set address = null where id = 2");
    const first = await anonymiseRows(systems, "app", "customers", [1, 2], columns, { secret: "tenant-key" });
    const after = [await customer(1), await customer(2)];
    const again = await anonymiseRows(systems, "app", "customers", [1, 2], columns, { secret: "tenant-key" });
    expect([first.rows, again.rows]).toEqual([2, 2]);
    expect([await customer(1), await customer(2)]).toEqual(after);

    const ana = after[0]!;
    expect(ana.name).toBe("[erased]");
    expect(ana.email).toMatch(/^[0-9a-f]{64}$/);
    expect(ana.phone).toMatch(/^\+40\d{9}$/);
    expect(ana.phone).not.toBe("+40721000001");
    expect(ana.address).toMatch(/^[A-Z][a-z]{2}\. [A-Z][a-z]{6} \d, [A-Z][a-z]{8}$/);
    // SQLite keeps 42.50 as the real 42.5: the digits it holds keep their shape.
    expect(String(ana.fee)).toMatch(kind === "sqlite" ? /^[1-9]\d\.[1-9]$/ : /^[1-9]\d\.\d[1-9]$/);
    expect(after[1]!.address).toBeNull();
    expect(after[1]!.email).not.toBe(ana.email);
    expect(ana.secret_note).toBe("x");
  });

  it("null empties a nullable column and is refused, before anything is written, on a NOT NULL one", async () => {
    await anonymiseRows(systems, "app", "customers", [1], { phone: "null" }, {});
    expect((await customer(1)).phone).toBeNull();
    await expect(
      applyEffects(systems, "app", [
        { kind: "update", table: "customers", keys: [2], set: { phone: "+40700000000" } },
        { kind: "anonymise", table: "customers", keys: [2], columns: { name: "null" } },
      ]),
    ).rejects.toMatchObject({ code: "connector_strategy_unfit" });
    expect((await customer(2)).phone).toBe("+40721000002");
  });

  it("needs the organisation's key for hash and format_preserving", async () => {
    await expect(anonymiseRows(systems, "app", "customers", [1], { email: "hash" }, {})).rejects.toMatchObject({ code: "connector_secret_missing" });
  });

  it("applies an effect to more than 1000 rows in batches", async () => {
    const values = Array.from({ length: 2500 }, (_, i) => `(${1000 + i}, 1, 'bulk')`).join(", ");
    await db.exec(`insert into orders values ${values};`);
    const keys = Array.from({ length: 2500 }, (_, i) => 1000 + i);
    expect((await anonymiseRows(systems, "app", "orders", keys, { note: { fixed: "-" } }, {})).rows).toBe(2500);
    expect((await deleteRows(systems, "app", "orders", keys)).rows).toBe(2500);
    expect(await count("orders")).toBe(3);
  });
});
