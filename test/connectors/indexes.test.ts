import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReferenceGraph, findSubject, normaliseIdentities, openSystems, planFind, type SystemSpec } from "../../src/connectors/index.ts";
import type { Query } from "../../src/connectors/sql/dialect.ts";
import { organisationMariadb, organisationPostgres, organisationSqlite, query, type OrganisationDatabase } from "./helpers/databases.ts";

const spec = (kind: SystemSpec["kind"]): SystemSpec => ({
  id: "app",
  kind,
  url: "${APP_URL}",
  tables: {
    customers: { identity: { email: "email", customer_id: "id" }, fields: { email: "contact.email" }, activity: "a" },
    orders: { belongs_to: { customer_id: "customers.id" }, fields: { total: "financial.transactions" }, activity: "a" },
  },
});

const schema = (indexed: { email: boolean; customerId: boolean }) => `
  create table customers (id integer primary key, email varchar(254) not null);
  ${indexed.email ? "create index customers_email on customers (email);" : ""}
  create table orders (id integer primary key, customer_id integer not null, total decimal(10, 2) not null);
  ${indexed.customerId ? "create index orders_customer_id on orders (customer_id);" : ""}
  insert into customers values (1, 'ana@example.com'), (2, 'bob@example.com');
  insert into orders values (10, 1, 5.00), (11, 2, 6.00);
`;

const databases = { postgres: organisationPostgres, mariadb: organisationMariadb, sqlite: organisationSqlite } as const;

describe.each(Object.keys(databases) as Array<keyof typeof databases>)("index rule on %s", (kind) => {
  let db: OrganisationDatabase;
  beforeAll(async () => {
    db = await databases[kind]();
  });
  afterAll(() => db?.drop());

  const find = async (given: Parameters<typeof normaliseIdentities>[0]) => {
    const systems = openSystems([spec(kind)], { env: { APP_URL: db.url } });
    const identities = normaliseIdentities(given);
    try {
      return await findSubject(systems, planFind(buildReferenceGraph(systems.specs), Object.keys(identities) as never), identities);
    } finally {
      await systems.close();
    }
  };

  it("refuses a lookup by a column no index leads, naming system.table.column and the CREATE INDEX to run", async () => {
    await db.exec(schema({ email: true, customerId: false }));
    const refused = find({ email: "ana@example.com" });
    await expect(refused).rejects.toMatchObject({ code: "connector_missing_index", message: expect.stringContaining("app.orders.customer_id") });
    const details = (await refused.catch((e) => e)).details;
    expect(details.problems).toEqual([{ system: "app", table: "orders", column: "customer_id", problem: "missing_index", statement: expect.stringMatching(/^CREATE INDEX .*orders_customer_id_idx.* ON .*orders.* \(.*customer_id.*\);$/) }]);
  });

  it("runs the suggested CREATE INDEX and then finds the rows; the primary key needs no other index", async () => {
    const refused = await find({ email: "ana@example.com" }).catch((e) => e);
    await db.exec(refused.details.problems[0].statement);
    expect((await find({ email: "ana@example.com" })).counts).toEqual({ "app.customers": 1, "app.orders": 1 });
    expect((await find({ customer_id: "2" })).counts).toEqual({ "app.customers": 1, "app.orders": 1 });
  });

  it("refuses an identity column without an index the same way", async () => {
    await db.exec("drop index customers_email" + (kind === "mariadb" ? " on customers" : ""));
    await expect(find({ email: "ana@example.com" })).rejects.toMatchObject({ code: "connector_missing_index", message: expect.stringContaining("app.customers.email") });
    await db.exec("drop table orders; drop table customers;");
  });

  it("reports a table or column the manifest names but the database lacks", async () => {
    await db.exec("create table customers (id integer primary key, mail varchar(254));");
    await expect(find({ email: "ana@example.com" })).rejects.toMatchObject({ code: "connector_schema_mismatch", message: expect.stringContaining("app.customers.email: column does not exist") });
    await db.exec("drop table customers;");
  });
});

describe("the generated lookups are index scans", () => {
  let pgDb: OrganisationDatabase;
  let mariaDb: OrganisationDatabase;
  const bulk = (n: number) => Array.from({ length: n }, (_, i) => `(${i + 3}, 'c${i}@example.com')`).join(", ");
  const bulkOrders = (n: number) => Array.from({ length: n }, (_, i) => `(${i + 100}, ${(i % n) + 3}, 1.00)`).join(", ");
  beforeAll(async () => {
    [pgDb, mariaDb] = await Promise.all([organisationPostgres(), organisationMariadb()]);
    for (const db of [pgDb, mariaDb]) {
      await db.exec(`${schema({ email: true, customerId: true })} insert into customers values ${bulk(20000)}; insert into orders values ${bulkOrders(20000)};`);
    }
    await pgDb.exec("analyze customers; analyze orders;");
    await mariaDb.exec("analyze table customers, orders;");
  });
  afterAll(async () => Promise.all([pgDb?.drop(), mariaDb?.drop()]));

  const capture = async (kind: "postgres" | "mariadb", url: string) => {
    const queries: Query[] = [];
    const systems = openSystems([spec(kind)], { env: { APP_URL: url } });
    const identities = normaliseIdentities({ email: "ana@example.com" });
    await findSubject(systems, planFind(buildReferenceGraph(systems.specs), ["email"]), identities, { onQuery: (_, q) => queries.push(q) });
    await systems.close();
    return queries;
  };

  it("PostgreSQL's EXPLAIN shows an index scan, never a sequential scan, for every statement find runs", async () => {
    const queries = await capture("postgres", pgDb.url);
    expect(queries.map((q) => q.text)).toEqual([
      'select "id", "email" from "customers" where "email" = any($1)',
      'select "id", "total", "customer_id" from "orders" where "customer_id" = any($1)',
    ]);
    for (const q of queries) {
      const [plan] = await query(pgDb.url, `explain (format json) ${q.text}`, q.values);
      const nodes = JSON.stringify(plan!["QUERY PLAN"]).match(/"Node Type":"[^"]+"/g);
      expect(nodes?.some((n) => /Index Scan|Index Only Scan|Bitmap Index Scan/.test(n))).toBe(true);
      expect(nodes?.some((n) => n.includes("Seq Scan"))).toBe(false);
    }
  });

  it("MariaDB's EXPLAIN uses the index (access type ref or range, never ALL)", async () => {
    const queries = await capture("mariadb", mariaDb.url);
    expect(queries.map((q) => q.text)).toEqual(["select `id`, `email` from `customers` where `email` in (?)", "select `id`, `total`, `customer_id` from `orders` where `customer_id` in (?)"]);
    for (const q of queries) {
      const rows = await query(mariaDb.url, `explain ${q.text}`, q.values);
      expect(rows.map((r) => r.type)).toEqual([expect.stringMatching(/^(ref|range|eq_ref|const)$/)]);
    }
  });
});
