import { describe, expect, it } from "vitest";
import { buildReferenceGraph, planFind, type PlanStep, type SystemSpec } from "../../src/connectors/index.ts";
import { loadExample } from "../helpers/manifests.ts";
import { shopAndBilling } from "./helpers/systems.ts";

const brief = (s: PlanStep) => `${s.system}.${s.table}.${s.key}<-${"identity" in s.source ? s.source.identity : `${s.source.reference.parent.table}.${s.source.reference.parent.column}[${s.source.after.join(",")}]`}${s.cycle === undefined ? "" : ` (loop ${s.cycle})`}`;

const system = (id: string, tables: NonNullable<SystemSpec["tables"]>, kind: SystemSpec["kind"] = "postgres"): SystemSpec => ({ id, kind, url: "${X}", tables });

describe("planning a subject lookup (no database)", () => {
  it("follows references three levels deep inside one system, parents before children", () => {
    const graph = buildReferenceGraph([
      system("app", {
        notes: { belongs_to: { item_id: "items.id" }, fields: { text: "identity.name" }, activity: "a" },
        items: { belongs_to: { order_id: "orders.id" }, activity: "a" },
        orders: { belongs_to: { customer_id: "customers.id" }, activity: "a" },
        customers: { identity: { email: "email" }, fields: { email: "contact.email" }, activity: "a" },
        products: { fields: { name: "identity.name" }, activity: "a" },
      }),
    ]);
    const plan = planFind(graph, ["email"]);
    expect(plan.steps.map(brief)).toEqual([
      "app.customers.email<-email",
      "app.orders.customer_id<-customers.id[0]",
      "app.items.order_id<-orders.id[1]",
      "app.notes.item_id<-items.id[2]",
    ]);
    expect(plan.tables.map((t) => [t.table, t.select])).toEqual([
      ["customers", ["id", "email"]],
      ["orders", ["id", "customer_id"]],
      ["items", ["id", "order_id"]],
      ["notes", ["id", "text", "item_id"]],
    ]);
    expect(plan.tables.map((t) => t.table)).not.toContain("products");
  });

  it("crosses systems of different kinds with system.table.column references", () => {
    const plan = planFind(buildReferenceGraph(shopAndBilling({ shop: "x", billing: "y" })), ["email"]);
    expect(plan.steps.map(brief)).toEqual([
      "shop.customers.email<-email",
      "shop.orders.customer_id<-customers.id[0]",
      "billing.invoices.order_id<-orders.id[1]",
      "billing.invoice_lines.invoice_id<-invoices.id[2]",
    ]);
    expect(plan.steps.map((s) => s.kind)).toEqual(["postgres", "postgres", "mariadb", "mariadb"]);
  });

  it("starts only at tables with an identity column for the identities given, one step per identity", () => {
    const graph = buildReferenceGraph(shopAndBilling({ shop: "x", billing: "y" }));
    expect(planFind(graph, ["phone"]).steps[0]).toMatchObject({ table: "customers", key: "phone" });
    expect(planFind(graph, ["email", "cnp"]).steps.slice(0, 3).map(brief)).toEqual([
      "shop.customers.email<-email",
      "shop.customers.cnp<-cnp",
      "shop.orders.customer_id<-customers.id[0,1]",
    ]);
    expect(planFind(graph, ["jmbg"]).steps).toEqual([]);
  });

  it("marks a loop of references (two tables, and a table referencing itself) so it is repeated to a fixpoint", () => {
    const graph = buildReferenceGraph([
      system("app", {
        accounts: { identity: { username: "login" }, belongs_to: { household_id: "households.id", referred_by: "accounts.id" }, activity: "a" },
        households: { belongs_to: { owner_id: "accounts.id" }, activity: "a" },
        devices: { belongs_to: { household_id: "households.id" }, activity: "a" },
      }),
    ]);
    const plan = planFind(graph, ["username"]);
    expect(plan.steps.map(brief)).toEqual([
      "app.accounts.login<-username (loop 0)",
      "app.accounts.referred_by<-accounts.id[0,1,2] (loop 0)",
      "app.accounts.household_id<-households.id[3] (loop 0)",
      "app.households.owner_id<-accounts.id[0,1,2] (loop 0)",
      "app.devices.household_id<-households.id[3]",
    ]);
  });

  it("marks a table that references itself as a loop of one", () => {
    const graph = buildReferenceGraph([system("app", { members: { identity: { email: "email" }, belongs_to: { invited_by: "members.id" }, activity: "a" } })]);
    expect(planFind(graph, ["email"]).steps.map(brief)).toEqual(["app.members.email<-email (loop 0)", "app.members.invited_by<-members.id[0,1] (loop 0)"]);
  });

  it("terminates on a cycle across two systems", () => {
    const graph = buildReferenceGraph([
      system("a", { people: { identity: { email: "email" }, belongs_to: { card_id: "b.cards.id" }, activity: "x" } }),
      system("b", { cards: { belongs_to: { person_id: "a.people.id" }, activity: "x" } }, "mariadb"),
    ]);
    const plan = planFind(graph, ["email"]);
    expect(plan.steps.map(brief)).toEqual(["a.people.email<-email (loop 0)", "a.people.card_id<-cards.id[2] (loop 0)", "b.cards.person_id<-people.id[0,1] (loop 0)"]);
  });

  it("puts http and manual systems last and does not follow references out of them", () => {
    const graph = buildReferenceGraph([
      system("crm", { contacts: { identity: { email: "email" }, belongs_to: { customer_id: "app.customers.id" }, activity: "a" } }, "http"),
      system("archive", { contracts: { belongs_to: { customer_id: "app.customers.id" }, activity: "a" } }, "manual"),
      system("app", { customers: { identity: { email: "email" }, activity: "a" }, notes: { belongs_to: { contact_id: "crm.contacts.id" }, activity: "a" } }),
    ]);
    const plan = planFind(graph, ["email"]);
    expect(plan.steps.map(brief)).toEqual([
      "app.customers.email<-email",
      "crm.contacts.email<-email",
      "crm.contacts.customer_id<-customers.id[0]",
      "archive.contracts.customer_id<-customers.id[0]",
    ]);
    expect(plan.notFollowed).toEqual([{ child: { system: "app", table: "notes", column: "contact_id" }, parent: { system: "crm", table: "contacts", column: "id" } }]);
  });

  it("plans eldrive's example systems: both databases, each customer table by e-mail and phone", () => {
    const { manifest } = loadExample("eldrive");
    const plan = planFind(buildReferenceGraph(manifest.systems!), ["email", "phone"]);
    expect(plan.steps.map(brief)).toEqual([
      "app_db.customers.email<-email",
      "app_db.customers.phone<-phone",
      "app_db.charging_sessions.customer_id<-customers.id[0,1]",
      "app_db.payments.customer_id<-customers.id[0,1]",
      "legacy_db.customers.email<-email",
      "legacy_db.customers.phone<-phone",
      "legacy_db.charging_sessions.customer_id<-customers.id[4,5]",
      "legacy_db.payments.customer_id<-customers.id[4,5]",
    ]);
  });
});
