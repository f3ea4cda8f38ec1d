import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAudit } from "../../src/audit/index.ts";
import { executeRequest, findExecution } from "../../src/execution/index.ts";
import { getOrganisation } from "../../src/organisations/index.ts";
import { getRequest } from "../../src/requests/index.ts";
import { createHold } from "../../src/retention/index.ts";
import { backend } from "../helpers/database.ts";
import { ANA, MARKO, openDemoWorld, type DemoWorld } from "./fixtures.ts";

describe(`erasure on the PostgreSQL and MariaDB demo databases (Registru on ${backend})`, () => {
  let w: DemoWorld;
  beforeAll(async () => {
    w = await openDemoWorld();
  });
  afterAll(async () => {
    await w?.close();
  });

  const customers = (db: DemoWorld["appDb"]) => w.rows(db, "select id, email, phone, full_name, home_address, last_login_at from customers order by id");
  const ids = async (db: DemoWorld["appDb"], table: string) => (await w.rows(db, `select id from ${table} order by id`)).map((r) => Number(r.id));

  it("S4-15 erases sessions, anonymises the customer the kept payments point at, keeps the payments under the accounting obligation, and says why in the letter", async () => {
    const id = await w.verified({ right: "erasure", language: "en", subject: { email: ANA } });
    expect(await executeRequest(w.ctx(), w.deps, "eldrive", id)).toBe("completed");

    for (const db of [w.appDb, w.legacyDb]) {
      expect(await ids(db, "charging_sessions")).toEqual([4, 5, 6]);
      expect(await ids(db, "payments")).toEqual([1, 2, 3, 4]);
      const [ana, marko] = await customers(db);
      expect(ana).toMatchObject({ id: 1, phone: null, home_address: null });
      expect(ana!.email).toMatch(/^[0-9a-f]{64}$/);
      expect(ana!.full_name).toMatch(/^[0-9a-f]{64}$/);
      // Event dates stay: retention counts from them.
      expect(ana!.last_login_at).not.toBeNull();
      expect(marko).toMatchObject({ email: MARKO, full_name: "Marko Petrovic" });
    }

    const detail = await getRequest(w.ctx(), "eldrive", id);
    expect(detail.state).toBe("done");
    // The stored manifest is jsonb, which does not keep the tables' order: compare as sets.
    const rows = detail.request.outcome!.rows;
    for (const system of ["app_db", "legacy_db"]) {
      expect(rows.filter((r) => r.system === system).sort((a, b) => a.table.localeCompare(b.table))).toEqual([
        { system, table: "charging_sessions", found: 3, erased: 3 },
        { system, table: "customers", found: 1, anonymised: 1 },
        { system, table: "payments", found: 2, kept: [{ count: 2, reason: "legal_obligation", basis: "Accounting and tax law (the policy does not name the acts) (5 years from the later of contract end and payment settlement)" }] },
      ]);
    }

    const letter = w.smtp.to(ANA).at(-1)!;
    expect(letter.subject).toBe(`EMOBILITY CHARGING S.R.L.: answer to your request no. ${id.replace("request-", "")}`);
    expect(letter.text).toContain("We erased or anonymised your data, except the data we must keep");
    expect(letter.text).toContain("app_db.payments | 2 | — | 2 (legal obligation)");
    expect(letter.text).toContain("We keep the records in app_db.payments (2) because a law requires us to keep them: Accounting and tax law");
    expect(letter.text).toContain("app_db.charging_sessions | 3 | erased: 3 | 0");
    expect(letter.text).toContain("you may lodge a complaint with the supervisory authority (GDPR Art. 77): National Supervisory Authority for Personal Data Processing (ANSPDCP)");
    expect(letter.text).toContain("We told the recipients to whom the data was disclosed of this change (GDPR Art. 19): Ampeco LTD; Amazon Web Services Limited; Other companies of the group Eldrive belongs to");

    const kinds = detail.timeline.map((e) => e.kind);
    expect(kinds).toEqual(["created", "received", "code_sent", "verified", "execution_planned", "outcome_recorded", "outcome_recorded", "recipients_notified", "completed", "letter_sent"]);
    const { tenant } = await getOrganisation(w.ctx(), "eldrive");
    expect((await verifyAudit(w.ctx().db, tenant.tenantId)).ok).toBe(true);
  });

  it("S4-14 keeps a row under a legal hold with the hold's reason, and keeps its parent (anonymised) for it", async () => {
    await createHold(w.ctx(), "eldrive", { record: { system: "app_db", table: "charging_sessions", key: 4 }, reason: "Litigiu privind sesiunea din 10 septembrie", keep: "P5Y" }, "dpo");
    const id = await w.verified({ right: "erasure", language: "ro", subject: { email: MARKO } });
    expect(await executeRequest(w.ctx(), w.deps, "eldrive", id)).toBe("completed");
    expect(await ids(w.appDb, "charging_sessions")).toEqual([4, 6]);
    expect(await ids(w.legacyDb, "charging_sessions")).toEqual([6]);
    const rows = (await getRequest(w.ctx(), "eldrive", id)).request.outcome!.rows;
    expect(rows.find((r) => r.system === "app_db" && r.table === "charging_sessions")).toEqual({
      system: "app_db",
      table: "charging_sessions",
      found: 2,
      erased: 1,
      kept: [{ count: 1, reason: "legal_hold", basis: "Litigiu privind sesiunea din 10 septembrie" }],
    });
    expect(rows.find((r) => r.system === "legacy_db" && r.table === "charging_sessions")).toEqual({ system: "legacy_db", table: "charging_sessions", found: 2, erased: 2 });
    expect(w.smtp.to(MARKO).at(-1)!.text).toContain("Păstrăm înregistrările din app_db.charging_sessions (1) deoarece fac obiectul unei obligații de conservare într-o procedură legală: Litigiu privind sesiunea din 10 septembrie.");
  });

  it("finds nothing left of an erased subject: a second erasure request answers that nothing was found", async () => {
    const id = await w.verified({ right: "erasure", language: "en", subject: { email: ANA } });
    expect(await executeRequest(w.ctx(), w.deps, "eldrive", id)).toBe("completed");
    expect((await getRequest(w.ctx(), "eldrive", id)).request.outcome!.rows).toEqual([]);
    expect((await findExecution(w.ctx(), "eldrive", id))!.data.systems).toEqual([]);
  });
});
