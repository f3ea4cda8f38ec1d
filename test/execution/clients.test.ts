import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { createApiKey } from "../../src/apikeys/index.ts";
import { verifyAudit } from "../../src/audit/index.ts";
import { buildServer } from "../../src/http/server.ts";
import { formatProblem, ManifestInvalid, parseManifest } from "../../src/manifest/index.ts";
import { applyManifest, getOrganisation } from "../../src/organisations/index.ts";
import { organisationPostgres, type OrganisationDatabase } from "../connectors/helpers/databases.ts";
import { backend } from "../helpers/database.ts";
import { cleanManifest, loadObject } from "../helpers/manifests.ts";
import { improMediaWithClients, openWorld, type World } from "../requests/fixtures.ts";

/**
 * A webinar platform run as a processor: one database table for a client that has its own, one
 * shared by two clients (naming each row's client in `client_id` unless told not to say so).
 */
function webinarHost(opts: { clientColumn?: string; sharedTable?: string } = {}) {
  const m = cleanManifest();
  const activity = (id: string, controllers: unknown) => ({
    id,
    name: { en: "Webinar platform", ro: "Platforma de webinar" },
    role: "processor",
    controllers,
    purpose: { en: "Register people for the client's webinars", ro: "Înscrierea la webinariile clientului" },
    subjects: ["customers"],
    data: ["identity.name", "contact.email", "identity.job_title", "identity.badge_number", "contact.phone"],
    source: "subject",
  });
  m.activities.push(activity("univ_webinars", ["univ_vest"]), activity("shared_webinars", ["asoc_medici", "club_sport"]));
  m.clients = [
    { id: "univ_vest", name: "Universitatea de Vest", contact: { email: "dpo@univ-vest.example" } },
    { id: "asoc_medici", name: "Asociația Medicilor", contact: { email: "secretariat@medici.example" } },
    { id: "club_sport", name: "Clubul Sportiv", contact: { email: "office@club.example" } },
  ];
  const fields = { name: "identity.name", email: "contact.email", job_title: "identity.job_title", badge_number: "identity.badge_number", phone: "contact.phone" };
  const shared = { identity: { email: "email" }, fields, activity: "shared_webinars", ...(opts.clientColumn && { client_column: opts.clientColumn }) };
  m.systems = [
    {
      id: "webinar",
      kind: "postgres",
      url: "${WEBINAR_DATABASE_URL}",
      tables: { univ_registrants: { identity: { email: "email" }, fields, activity: "univ_webinars" }, [opts.sharedTable ?? "registrants"]: shared },
    },
  ];
  return m;
}

describe(`S0-10 a client controller's registrants exported as CSV by its processor (Registru on ${backend})`, () => {
  let w: World;
  let db: OrganisationDatabase;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let key: string;
  let improKey: string;
  let oldKey: string;
  let noIndexKey: string;
  beforeAll(async () => {
    w = await openWorld(["impro-media"]);
    db = await organisationPostgres();
    await db.exec(`create table univ_registrants (id integer primary key, name text not null, email text not null, job_title text, badge_number text, phone text);
      create index univ_registrants_email_idx on univ_registrants (email);
      insert into univ_registrants select g, 'Participant ' || g, 'p' || g || '@univ-vest.example', 'Lector', 'B-' || g, null from generate_series(1, 2500) g;
      create table registrants (id integer primary key, client_id text not null, name text not null, email text not null, job_title text, badge_number text, phone text);
      create index registrants_email_idx on registrants (email);
      create index registrants_client_idx on registrants (client_id, id);
      insert into registrants select g, case when g % 3 = 0 then 'club_sport' else 'asoc_medici' end, 'Member ' || g, 'm' || g || case when g % 3 = 0 then '@club.example' else '@medici.example' end, null, null, null from generate_series(1, 3000) g;
      create table old_registrants (id integer primary key, client_id text not null, name text not null, email text not null, job_title text, badge_number text, phone text);
      create index old_registrants_email_idx on old_registrants (email);`);
    await applyManifest(w.ctx(), loadObject(webinarHost({ clientColumn: "client_id" }), "webinar.yaml"), { slug: "webinar", appliedBy: "test" });
    await applyManifest(w.ctx(), loadObject(webinarHost(), "webinar-old.yaml"), { slug: "webinar-old", appliedBy: "test" });
    await applyManifest(w.ctx(), loadObject(webinarHost({ clientColumn: "client_id", sharedTable: "old_registrants" }), "webinar-noindex.yaml"), { slug: "webinar-noindex", appliedBy: "test" });
    app = await buildServer({ ctx: w.ctx(), database: w.t.database, version: "test", env: { WEBINAR_DATABASE_URL: db.url } });
    key = (await createApiKey(w.ctx(), "webinar", { name: "export" })).key;
    oldKey = (await createApiKey(w.ctx(), "webinar-old", { name: "export" })).key;
    noIndexKey = (await createApiKey(w.ctx(), "webinar-noindex", { name: "export" })).key;
    improKey = (await createApiKey(w.ctx(), "impro-media", { name: "export" })).key;
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await w?.close();
  });

  const exportOf = (slug: string, client: string, k: string) => app.inject({ method: "GET", url: `/api/v1/organisations/${slug}/clients/${client}/export.csv`, headers: { authorization: `Bearer ${k}` } });

  it("exports every row of the table kept for that client alone, a page at a time, and audits the export without its content", async () => {
    const res = await exportOf("webinar", "univ_vest", key);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="univ_vest-univ_registrants.csv"');
    const lines = res.body.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]!.split(",").sort()).toEqual(["badge_number", "email", "job_title", "name", "phone"]);
    expect(lines).toHaveLength(2501);
    expect(res.body).toContain("p2500@univ-vest.example");
    const { tenant } = await getOrganisation(w.ctx(), "webinar");
    expect((await verifyAudit(w.ctx().db, tenant.tenantId)).ok).toBe(true);
    expect((await exportOf("webinar", "univ_vest", "rk_bad_key")).statusCode).toBe(401);
  });

  it("S0-10 exports from a table shared by two clients only the rows whose client column names the client", async () => {
    const res = await exportOf("webinar", "asoc_medici", key);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toBe('attachment; filename="asoc_medici-registrants.csv"');
    const lines = res.body.replace(/^\uFEFF/, "").trim().split("\r\n");
    const header = lines[0]!.split(",");
    const emails = lines.slice(1).map((l) => l.split(",")[header.indexOf("email")]!);
    // 2000 of the 3000 rows are asoc_medici's: more than one page, none of club_sport's.
    expect(emails).toHaveLength(2000);
    expect(emails.every((e) => e.endsWith("@medici.example"))).toBe(true);
    expect(new Set(emails).size).toBe(2000);
    const club = (await exportOf("webinar", "club_sport", key)).body.replace(/^\uFEFF/, "").trim().split("\r\n").slice(1);
    expect(club).toHaveLength(1000);
    expect(club.every((l) => l.includes("@club.example"))).toBe(true);
    const { tenant } = await getOrganisation(w.ctx(), "webinar");
    const audit = await w.ctx().db.execute(sql`select details from audit_events where tenant_id = ${tenant.tenantId} and action = 'client.exported' order by seq`);
    expect((audit as unknown as { rows: Array<{ details: unknown }> }).rows.map((r) => r.details)).toContainEqual({ table: "webinar.registrants", clientColumn: "client_id", rows: 2000 });
  });

  it("refuses a table shared by several clients when the manifest does not say which column names a row's client", async () => {
    const res = await exportOf("webinar-old", "asoc_medici", oldKey);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: "client_rows_not_separable" });
    expect(res.json().error.message).toContain("webinar.registrants");
    expect(res.json().error.message).toContain("client_column");
    expect((await exportOf("webinar", "nobody", key)).json().error.code).toBe("unknown_client");
  });

  it("refuses a client column without an index, naming the index to create", async () => {
    const res = await exportOf("webinar-noindex", "asoc_medici", noIndexKey);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe("connector_missing_index");
    expect(res.json().error.details.problems).toEqual([
      { system: "webinar", table: "old_registrants", column: "client_id", problem: "missing_index", statement: 'CREATE INDEX "old_registrants_client_id_idx" ON "old_registrants" ("client_id", "id");' },
    ]);
  });

  it("checks the client column's shape when the manifest is loaded, with file:line:col", () => {
    const source = stringify(webinarHost({ clientColumn: "client id" }));
    try {
      parseManifest(source, "webinar.yaml");
      expect.unreachable("the manifest should be refused");
    } catch (e) {
      expect(e).toBeInstanceOf(ManifestInvalid);
      const line = source.split("\n").findIndex((l) => l.includes("client_column: client id")) + 1;
      expect((e as ManifestInvalid).problems).toEqual([expect.objectContaining({ file: "webinar.yaml", line, path: "systems[0].tables.registrants.client_column", message: expect.stringContaining("column name") })]);
      expect(formatProblem((e as ManifestInvalid).problems[0]!)).toMatch(new RegExp(`^webinar\\.yaml:${line}:\\d+: `));
    }
  });

  it("IMPRO-MEDIA's own manifest cannot express it: its webinar platform is a manual system without tables", async () => {
    expect(improMediaWithClients().manifest.systems?.find((s) => s.id === "webinar")).toMatchObject({ kind: "manual" });
    const res = await exportOf("impro-media", "univ_vest", improKey);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("no_client_data");
  });
});
