import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "../../src/apikeys/index.ts";
import { verifyAudit } from "../../src/audit/index.ts";
import { buildServer } from "../../src/http/server.ts";
import { applyManifest, getOrganisation } from "../../src/organisations/index.ts";
import { organisationPostgres, type OrganisationDatabase } from "../connectors/helpers/databases.ts";
import { backend } from "../helpers/database.ts";
import { cleanManifest, loadObject } from "../helpers/manifests.ts";
import { improMediaWithClients, openWorld, type World } from "../requests/fixtures.ts";

/** A webinar platform run as a processor: one database table per client that has its own, one table shared by all. */
function webinarHost() {
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
  m.activities.push(activity("univ_webinars", ["univ_vest"]), activity("shared_webinars", "each_client"));
  m.clients = [
    { id: "univ_vest", name: "Universitatea de Vest", contact: { email: "dpo@univ-vest.example" } },
    { id: "asoc_medici", name: "Asociația Medicilor", contact: { email: "secretariat@medici.example" } },
  ];
  const fields = { name: "identity.name", email: "contact.email", job_title: "identity.job_title", badge_number: "identity.badge_number", phone: "contact.phone" };
  m.systems = [
    {
      id: "webinar",
      kind: "postgres",
      url: "${WEBINAR_DATABASE_URL}",
      tables: {
        univ_registrants: { identity: { email: "email" }, fields, activity: "univ_webinars" },
        registrants: { identity: { email: "email" }, fields, activity: "shared_webinars" },
      },
    },
  ];
  return loadObject(m, "webinar.yaml");
}

describe(`S0-10 a client controller's registrants exported as CSV by its processor (Registru on ${backend})`, () => {
  let w: World;
  let db: OrganisationDatabase;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let key: string;
  let improKey: string;
  beforeAll(async () => {
    w = await openWorld(["impro-media"]);
    db = await organisationPostgres();
    await db.exec(`create table univ_registrants (id integer primary key, name text not null, email text not null, job_title text, badge_number text, phone text);
      create index univ_registrants_email_idx on univ_registrants (email);
      insert into univ_registrants select g, 'Participant ' || g, 'p' || g || '@univ-vest.example', 'Lector', 'B-' || g, null from generate_series(1, 2500) g;
      create table registrants (id integer primary key, name text not null, email text not null, job_title text, badge_number text, phone text);
      create index registrants_email_idx on registrants (email);`);
    await applyManifest(w.ctx(), webinarHost(), { slug: "webinar", appliedBy: "test" });
    app = await buildServer({ ctx: w.ctx(), database: w.t.database, version: "test", env: { WEBINAR_DATABASE_URL: db.url } });
    key = (await createApiKey(w.ctx(), "webinar", { name: "export" })).key;
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

  it("refuses a table shared by several clients: the manifest cannot say which rows are whose", async () => {
    const res = await exportOf("webinar", "asoc_medici", key);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: "client_rows_not_separable" });
    expect(res.json().error.message).toContain("webinar.registrants");
    expect((await exportOf("webinar", "nobody", key)).json().error.code).toBe("unknown_client");
  });

  it("IMPRO-MEDIA's own manifest cannot express it: its webinar platform is a manual system without tables", async () => {
    expect(improMediaWithClients().manifest.systems?.find((s) => s.id === "webinar")).toMatchObject({ kind: "manual" });
    const res = await exportOf("impro-media", "univ_vest", improKey);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("no_client_data");
  });
});
