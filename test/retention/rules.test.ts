import { describe, expect, it } from "vitest";
import { retentionRules, type TableRule } from "../../src/retention/index.ts";
import { loadExample, loadObject } from "../helpers/manifests.ts";
import { manifestWith } from "./helpers.ts";

const rulesOf = (activities: Array<Record<string, unknown>>, tables: Record<string, unknown>) =>
  retentionRules(loadObject(manifestWith(activities, { id: "app", kind: "postgres", url: "${APP_URL}", tables })).manifest);
const table = (fields: Record<string, string>, activity = "a") => ({ fields: { name: "identity.name", ...fields }, activity });

describe("retention rules from the manifest", () => {
  it("S4-14 finds each event where eldrive keeps it: own column, the parent's, the children's, the siblings'", () => {
    const { rules, notEnforceable } = retentionRules(loadExample("eldrive").manifest);
    expect(notEnforceable).toEqual([]);
    const app = rules.filter((r) => r.system === "app_db");
    // Children before their parent.
    expect(app.map((r) => r.table).sort()).toEqual(["charging_sessions", "customers", "payments"]);
    expect(app.at(-1)!.table).toBe("customers");
    const sources = (r: TableRule) => (r.kind === "own" ? r.activities[0]!.periods.map((p) => p.terms.map((t) => `${t.event}:${t.source.via}`)) : []);
    const by = (name: string) => app.find((r) => r.table === name)!;
    expect(sources(by("customers"))).toEqual([["contract_end:own", "payment_settled:children"], ["last_login:own"]]);
    expect(sources(by("payments"))).toEqual([["contract_end:parent", "payment_settled:own"]]);
    expect(sources(by("charging_sessions"))).toEqual([["contract_end:parent", "payment_settled:siblings"], ["last_login:parent"]]);
    expect(by("customers")).toMatchObject({ kind: "own", action: "delete_or_anonymise" });
  });

  it("reports what cannot be enforced automatically, with the reason, and guesses nothing", () => {
    const activities = [
      { id: "statutory", retention: { keep: "statutory" } },
      { id: "withdrawn", retention: { keep: "until_withdrawn", then: "delete" } },
      { id: "contract", retention: { keep: "contract_duration", then: "delete" } },
      { id: "vague", retention: { keep: "until_purpose_fulfilled", then: "delete" } },
      { id: "session", retention: { keep: "session", then: "delete" } },
      { id: "no_then", retention: { keep: "P3Y", after: "contract_end" } },
      { id: "archived", retention: { keep: "P3Y", after: "contract_end", then: "archive" } },
      { id: "no_after", retention: { keep: "P3Y", then: "delete" } },
      { id: "no_column", retention: { keep: "P3Y", after: "final_answer", then: "delete" } },
      { id: "none", retention: undefined },
    ];
    const tables = Object.fromEntries(activities.map((a) => [a.id, table({ ended: "event.contract_end" }, a.id)]));
    const { rules, notEnforceable } = rulesOf(activities, tables);
    expect(rules).toEqual([]);
    const reason = (t: string) => notEnforceable.find((n) => n.table === t)!.reason;
    expect(reason("statutory")).toMatch(/keep: statutory names no period/);
    expect(reason("withdrawn")).toMatch(/consent withdrawal/);
    expect(reason("contract")).toMatch(/no end event/);
    expect(reason("vague")).toMatch(/names no period/);
    expect(reason("session")).toMatch(/session/);
    expect(reason("no_then")).toMatch(/does not say what happens/);
    expect(reason("archived")).toMatch(/then: archive is not something Registru does/);
    expect(reason("no_after")).toMatch(/not after which event/);
    expect(reason("no_column")).toMatch(/mapped to event\.final_answer/);
    expect(reason("none")).toMatch(/states no retention and the table has no parent/);
  });

  it("S3-04 registratura states 3 years after the contract ends but no end action: not enforced, reported", () => {
    const registratura = loadExample("registratura").manifest;
    const support = registratura.activities.find((a) => a.id === "support")!;
    expect(support.retention).toEqual({ keep: "P3Y", after: "contract_end" });
    const { notEnforceable } = rulesOf([{ id: "support", retention: support.retention }], { tickets: table({ contract_end: "event.contract_end" }, "support") });
    expect(notEnforceable).toEqual([{ system: "app", table: "tickets", activities: ["support"], reason: 'activity "support" does not say what happens when the period ends (then)' }]);
  });

  it("a child table without a rule of its own inherits its parent's, through chains of such tables", () => {
    const { rules } = rulesOf(
      [
        { id: "a", retention: { keep: "P1Y", after: "closed", then: "delete" } },
        { id: "b", retention: undefined },
      ],
      {
        accounts: table({ closed_at: "event.closed" }),
        orders: { ...table({}, "b"), belongs_to: { account_id: "accounts.id" } },
        order_lines: { ...table({}, "b"), belongs_to: { order_id: "orders.id" } },
      },
    );
    expect(rules.map((r) => [r.table, r.kind, r.kind === "inherited" ? r.parent : null])).toEqual([
      ["order_lines", "inherited", "orders"],
      ["orders", "inherited", "accounts"],
      ["accounts", "own", null],
    ]);
  });

  it("several activities on one table: rows stay while any of them keeps them; the inactivity rule without a column is a note", () => {
    const { rules } = rulesOf(
      [
        { id: "a", retention: { keep: "P1Y", after: "closed", then: "delete", inactive: { keep: "P2Y", after: "last_login" } } },
        { id: "b", retention: { keep: "P5Y", after: "closed", then: "anonymise" } },
      ],
      { accounts: { ...table({ closed_at: "event.closed" }), activity: ["a", "b"] } },
    );
    expect(rules).toEqual([
      expect.objectContaining({ action: "anonymise", notes: ['activity "a": the inactivity rule is not enforced: no column of app.accounts or of the tables it references is mapped to event.last_login'] }),
    ]);
    expect((rules[0] as Extract<TableRule, { kind: "own" }>).activities.map((a) => a.periods.map((p) => p.keep))).toEqual([["P1Y"], ["P5Y"]]);
  });
});
