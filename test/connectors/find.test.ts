import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReferenceGraph, findSubject, identityKindsOf, normaliseIdentities, openSystems, planFind, type SubjectIdentities, type Systems } from "../../src/connectors/index.ts";
import { organisationMariadb, organisationPostgres, type OrganisationDatabase } from "./helpers/databases.ts";
import { billingSchema, shopAndBilling, shopSchema } from "./helpers/systems.ts";

describe("finding a subject across PostgreSQL and MariaDB", () => {
  let shop: OrganisationDatabase;
  let billing: OrganisationDatabase;
  let systems: Systems;

  beforeAll(async () => {
    [shop, billing] = await Promise.all([organisationPostgres(), organisationMariadb()]);
    await shop.exec(`${shopSchema}
      insert into customers values (1, 'ana.popescu@example.com', '+40721000001', '1900101400123', 'Ana Popescu'),
                                   (2, 'marko.petrovic@example.com', '+381641000002', null, 'Marko Petrovic'),
                                   (3, 'big.buyer@example.com', null, '2850505400456', 'Big Buyer');
      insert into orders values (10, 1, 97.50, 'Str. Exemplu 1'), (11, 1, 38.20, null), (12, 2, 42.75, 'Bulevar 2');
      insert into orders select 100000 + n, 3, 1.00, null from generate_series(1, 2500) as n;`);
    const bigInvoices = Array.from({ length: 2500 }, (_, i) => `(${200000 + i}, ${100001 + i}, 'BIG-${i}', 1.00)`).join(", ");
    await billing.exec(`${billingSchema}
      insert into invoices values (100, 10, 'ELD-100', 97.50), (101, 11, 'ELD-101', 38.20), (102, 12, 'ELD-102', 42.75);
      insert into invoice_lines values (1000, 100, 'charging 1 Oct'), (1001, 100, 'charging 14 Oct'), (1002, 101, 'charging 29 Oct'), (1003, 102, 'charging 10 Sep');
      insert into invoices values ${bigInvoices};`);
    systems = openSystems(shopAndBilling({ shop: "${SHOP_URL}", billing: "${BILLING_URL}" }), { env: { SHOP_URL: shop.url, BILLING_URL: billing.url } });
  });
  afterAll(async () => {
    await systems?.close();
    await Promise.all([shop?.drop(), billing?.drop()]);
  });

  const find = (given: SubjectIdentities) => {
    const identities = normaliseIdentities(given, { defaultCountry: "RO" });
    const plan = planFind(buildReferenceGraph(systems.specs), identityKindsOf(identities));
    return findSubject(systems, plan, identities);
  };

  it("follows three levels of references from PostgreSQL into MariaDB and finds only the subject's rows", async () => {
    const result = await find({ email: "Ana.Popescu@Example.com" });
    expect(result.counts).toEqual({ "shop.customers": 1, "shop.orders": 2, "billing.invoices": 2, "billing.invoice_lines": 3 });
    const lines = result.tables.find((t) => t.table === "invoice_lines")!;
    expect(lines.rows.map((r) => r.primaryKey).sort()).toEqual([1000, 1001, 1002]);
    expect(lines.fields).toEqual({ description: "financial.transactions" });
    expect(result.stats.queries).toBe(4);
  });

  it("returns the primary key and the declared fields, with their taxonomy ids, and no other column", async () => {
    const result = await find({ email: "ana.popescu@example.com" });
    const customers = result.tables.find((t) => t.table === "customers")!;
    expect(customers).toMatchObject({ system: "shop", kind: "postgres", primaryKey: "id", fields: { name: "identity.name", cnp: "national_id.cnp" } });
    expect(customers.rows).toEqual([{ primaryKey: 1, fields: { name: "Ana Popescu", email: "ana.popescu@example.com", phone: "+40721000001", cnp: "1900101400123" } }]);
    const orders = result.tables.find((t) => t.table === "orders")!;
    expect(orders.rows.map((r) => Object.keys(r.fields))).toEqual([["total", "delivery_address"], ["total", "delivery_address"]]);
  });

  it("finds the same rows by a phone number written nationally and by CNP", async () => {
    const byPhone = await find({ phone: "0721 000 001" });
    const byCnp = await find({ cnp: "1900101400123" });
    expect(byPhone.counts).toEqual({ "shop.customers": 1, "shop.orders": 2, "billing.invoices": 2, "billing.invoice_lines": 3 });
    expect(byCnp.counts).toEqual(byPhone.counts);
  });

  it("looks up more than 1000 keys in batches of at most 1000", async () => {
    const result = await find({ cnp: "2850505400456" });
    expect(result.counts).toEqual({ "shop.customers": 1, "shop.orders": 2500, "billing.invoices": 2500, "billing.invoice_lines": 0 });
    // customers 1, orders 1, invoices by 2500 order ids: 3, lines by 2500 invoice ids: 3
    expect(result.stats).toEqual({ queries: 8, keysLookedUp: 1 + 1 + 2500 + 2500 });
  });

  it("finds nothing, and no rows of anyone else, for an unknown subject", async () => {
    const result = await find({ email: "nobody@example.com" });
    expect(Object.values(result.counts)).toEqual([0, 0, 0, 0]);
    expect(result.stats.queries).toBe(1);
  });
});
