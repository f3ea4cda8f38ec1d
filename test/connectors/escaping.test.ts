import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyEffects, buildReferenceGraph, findSubject, normaliseIdentities, openSystems, planFind, type SystemSpec } from "../../src/connectors/index.ts";
import { quoteSqliteIdentifier } from "../../src/connectors/sql/sqlite-quote.ts";
import { organisationMariadb, organisationPostgres, organisationSqlite, query, type OrganisationDatabase } from "./helpers/databases.ts";

/** Names a manifest would refuse, but a database allows: quotes of every kind, `?`, a dot, a keyword. */
const CUSTOMERS = 'cus"to`mers';
const ORDERS = "or`ders";
const hostile = (kind: SystemSpec["kind"]): SystemSpec => ({
  id: "app",
  kind,
  url: "${APP_URL}",
  tables: {
    [CUSTOMERS]: { primary_key: 'i"d', identity: { email: "e.mail?" }, fields: { 'a"b': "identity.name", "a`b": "contact.phone" }, activity: "a" },
    [ORDERS]: { belongs_to: { "cust`id": `${CUSTOMERS}.i"d` }, fields: { select: "commercial.orders" }, activity: "a" },
  },
});

const ddl = {
  postgres: `create table "cus""to\`mers" ("i""d" integer primary key, "e.mail?" varchar(254) not null, "a""b" varchar(100), "a\`b" varchar(32));
    create index on "cus""to\`mers" ("e.mail?");
    create table "or\`ders" ("id" integer primary key, "cust\`id" integer not null, "select" varchar(40));
    create index on "or\`ders" ("cust\`id");`,
  mariadb: `create table \`cus"to\`\`mers\` (\`i"d\` integer primary key, \`e.mail?\` varchar(254) not null, \`a"b\` varchar(100), \`a\`\`b\` varchar(32));
    create index hostile_email on \`cus"to\`\`mers\` (\`e.mail?\`);
    create table \`or\`\`ders\` (\`id\` integer primary key, \`cust\`\`id\` integer not null, \`select\` varchar(40));
    create index hostile_customer on \`or\`\`ders\` (\`cust\`\`id\`);`,
  sqlite: `create table "cus""to\`mers" ("i""d" integer primary key, "e.mail?" varchar(254) not null, "a""b" varchar(100), "a\`b" varchar(32));
    create index hostile_email on "cus""to\`mers" ("e.mail?");
    create table "or\`ders" ("id" integer primary key, "cust\`id" integer not null, "select" varchar(40));
    create index hostile_customer on "or\`ders" ("cust\`id");`,
};
const rows = (q: (name: string) => string) =>
  `insert into ${q(CUSTOMERS)} values (1, 'ana@example.com', 'Ana', '+40721000001'), (2, 'bob@example.com', 'Bob', '+40721000002');
   insert into ${q(ORDERS)} values (10, 1, 'first'), (11, 1, 'second'), (12, 2, 'other');`;
const quoteFor = {
  postgres: (n: string) => `"${n.replaceAll('"', '""')}"`,
  mariadb: (n: string) => `\`${n.replaceAll("`", "``")}\``,
  sqlite: (n: string) => `"${n.replaceAll('"', '""')}"`,
};
const databases = { postgres: organisationPostgres, mariadb: organisationMariadb, sqlite: organisationSqlite } as const;

describe("SQLite identifier quoting (sql.js has no function for it)", () => {
  it("wraps in double quotes and doubles every double quote inside", () => {
    expect(quoteSqliteIdentifier("customers")).toBe('"customers"');
    expect(quoteSqliteIdentifier('a"b')).toBe('"a""b"');
    expect(quoteSqliteIdentifier('"; drop table x; --')).toBe('"""; drop table x; --"');
    expect(quoteSqliteIdentifier("a`b")).toBe('"a`b"');
  });

  it("refuses an empty name and a NUL character", () => {
    expect(() => quoteSqliteIdentifier("")).toThrow(expect.objectContaining({ code: "connector_identifier_invalid" }));
    expect(() => quoteSqliteIdentifier("a\0b")).toThrow(expect.objectContaining({ code: "connector_identifier_invalid" }));
  });
});

describe.each(Object.keys(databases) as Array<keyof typeof databases>)("hostile table and column names on %s", (kind) => {
  let db: OrganisationDatabase;
  beforeAll(async () => {
    db = await databases[kind]();
    await db.exec(`${ddl[kind]} ${rows(quoteFor[kind])}`);
  });
  afterAll(() => db?.drop());
  const systems = () => openSystems([hostile(kind)], { env: { APP_URL: db.url } });

  it("finds the rows through columns named a\"b, a`b, e.mail? and select, escaped by the driver", async () => {
    const s = systems();
    const identities = normaliseIdentities({ email: "ana@example.com" });
    const result = await findSubject(s, planFind(buildReferenceGraph(s.specs), ["email"]), identities);
    await s.close();
    expect(result.counts).toEqual({ [`app.${CUSTOMERS}`]: 1, [`app.${ORDERS}`]: 2 });
    expect(result.tables[0]!.rows).toEqual([{ primaryKey: 1, fields: { 'a"b': "Ana", "a`b": "+40721000001" } }]);
    expect(result.tables[1]!.rows.map((r) => r.fields.select).sort()).toEqual(["first", "second"]);
  });

  it("treats an identity that looks like SQL as a value", async () => {
    const s = systems();
    const identities = normaliseIdentities({ email: "x'@or'1'='1" });
    const result = await findSubject(s, planFind(buildReferenceGraph(s.specs), ["email"]), identities);
    await s.close();
    expect(result.counts[`app.${CUSTOMERS}`]).toBe(0);
  });

  it("updates, anonymises and deletes through the same names, and leaves both tables in place", async () => {
    const s = systems();
    const outcomes = await applyEffects(
      s,
      "app",
      [
        { kind: "update", table: CUSTOMERS, keys: [1], set: { 'a"b': "Ana Maria" } },
        { kind: "anonymise", table: CUSTOMERS, keys: [1], columns: { "a`b": "format_preserving" } },
        { kind: "delete", table: ORDERS, keys: [11] },
      ],
      { secret: "k" },
    );
    await s.close();
    expect(outcomes.map((o) => o.rows)).toEqual([1, 1, 1]);
    const [ana] = await query(db.url, `select * from ${quoteFor[kind](CUSTOMERS)} where ${quoteFor[kind]('i"d')} = 1`);
    expect(ana!['a"b']).toBe("Ana Maria");
    expect(ana!["a`b"]).toMatch(/^\+40\d{9}$/);
    expect(ana!["a`b"]).not.toBe("+40721000001");
    expect(await query(db.url, `select count(*) as n from ${quoteFor[kind](ORDERS)}`)).toEqual([{ n: kind === "postgres" ? "2" : 2 }]);
  });
});
