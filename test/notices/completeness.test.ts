import { describe, expect, it } from "vitest";
import { lawFor, transferStatus, type TransferMechanism } from "../../src/law/index.ts";
import type { Language } from "../../src/manifest/index.ts";
import { catalogFor, durationWords, renderNoticeHtml, renderNoticeMarkdown, SECTION_IDS, toCyrillic } from "../../src/notices/index.ts";
import { cite } from "../../src/notices/context.ts";
import { catalogLanguage, intlLocale } from "../../src/notices/text/index.ts";
import type { NoticeBlock } from "../../src/notices/types.ts";
import { exampleNames } from "../helpers/manifests.ts";
import { blockText, manifestOf, noticeFor, noticeLanguages, sectionText, tableRows, version } from "./helpers.ts";
// One test per notice-level promise of SEEDS.md, by organisation; the test titles carry the seed IDs.
import "./seeds/s0-impro-media.ts";
import "./seeds/s1-sentosa.ts";
import "./seeds/s2-promedia.ts";
import "./seeds/s3-registratura.ts";
import "./seeds/s4-eldrive.ts";

/** Art. 46 and 47 safeguards: the only transfers for which a copy of the safeguards is offered. */
const ART_46_47: TransferMechanism[] = ["scc", "bcr", "code_of_conduct", "certification"];

/** The authority's street, written here and not taken from the law module, so a wrong address fails. */
const AUTHORITY_STREET: Record<string, string> = { RO: "Gheorghe Magheru", RS: "Bulevar kralja Aleksandra 15" };

const blocksOf = (n: ReturnType<typeof noticeFor>, id: string, kind: NoticeBlock["kind"]) =>
  n.sections.find((s) => s.id === id)!.blocks.filter((b) => b.kind === kind);

/**
 * Every example notice, in every language it is published in, carries every element of GDPR
 * Art. 13 and, where data comes from others, Art. 14 (ZZPL čl. 23/24 for Serbia). The checks
 * are language-neutral: ids, articles, names, e-mails and counts that must appear in any language.
 */
describe.each(exampleNames)("%s: the notice is complete", (example) => {
  const m = manifestOf(example);
  const law = lawFor(m.organisation.jurisdiction);

  describe.each(noticeLanguages(example))("in %s", (lang: Language) => {
    const n = () => noticeFor(example, lang);
    const t = catalogFor(lang);
    /** Catalog text as the notice shows it: Serbian Cyrillic is transliterated. */
    const script = (text: string) => (lang === "sr-Cyrl" ? toCyrillic(text) : text);
    const citeIn = (...refs: string[]) => cite({ base: catalogLanguage(lang) }, ...refs);
    const own = m.activities.filter((a) => a.role !== "processor");
    const forClients = m.activities.filter((a) => a.role === "processor");
    const date = (iso: string) => new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));

    it("has every Art. 13/14 section, in order, none of them empty", () => {
      expect(n().sections.map((s) => s.id)).toEqual([...SECTION_IDS]);
      for (const s of n().sections) expect(s.blocks.map(blockText).join("").trim(), s.id).not.toBe("");
      expect(n().lang).toBe(lang);
      expect(n().versionLine).toContain(version.contentHash.slice(0, 12));
    });

    it("Art. 13(1)(a)-(b): names the controller and a contact", () => {
      expect(sectionText(n(), "controller")).toContain(m.organisation.name);
      const contact = m.dpo?.appointed ? m.dpo.email : (m.dpo?.contact?.email ?? m.rights?.channels?.find((c) => c.kind === "email")?.value);
      if (contact) expect(sectionText(n(), "dpo")).toContain(contact);
    });

    it("Art. 13(1)(c)-(d): every purpose with its categories and, per activity row, each legal basis with its article", () => {
      const facts = blocksOf(n(), "activities", "facts");
      // Own activities first, then those done for client controllers.
      const ordered = [...own, ...forClients];
      expect(facts).toHaveLength(ordered.length);
      ordered.forEach((a, i) => {
        const block = facts[i]!;
        if (block.kind !== "facts") throw new Error("not facts");
        const bases = block.items.find((item) => item.term === script(t.activities.terms.bases))?.value;
        if (a.role === "processor") expect(bases, a.id).toBe(script(t.activities.processorBasis));
        else if (!a.legal_basis?.length) expect(bases, a.id).toBe(script(t.activities.noBasis));
        else expect(bases, a.id).toBe(script(a.legal_basis.map((b) => `${t.activities.basis[b]} (${citeIn(law.lawfulBasisArticles[b])})`).join("; ")));
      });
    });

    it("Art. 13(1)(e)-(f): every processor and recipient, and each transfer abroad with its country and safeguard", () => {
      const recipients = sectionText(n(), "recipients");
      for (const p of m.processors ?? []) expect(recipients).toContain(p.name);
      const abroad = m.activities.flatMap((a) =>
        (Array.isArray(a.transfers) ? a.transfers : []).filter((tr) => !["domestic", "domestic_eea"].includes(transferStatus(law, tr.to, tr.mechanism).kind)),
      );
      const table = blocksOf(n(), "transfers", "table")[0];
      const rows = table?.kind === "table" ? table.rows : [];
      expect(rows).toHaveLength(abroad.length);
      abroad.forEach((tr, i) => {
        expect(rows[i]![2]).toMatch(new RegExp(`\\(${tr.to}\\)$`));
        expect(rows[i]![3]!.startsWith(script(tr.mechanism ? t.transfers.mechanism[tr.mechanism] : t.transfers.noMechanism)), rows[i]![3]).toBe(true);
      });
      // The copy of the safeguards is offered exactly when an Art. 46/47 safeguard is used.
      const copy = script(t.transfers.copy("\u0000").split("\u0000")[0]!);
      const offered = abroad.some((tr) => tr.mechanism !== undefined && ART_46_47.includes(tr.mechanism));
      expect(sectionText(n(), "transfers").includes(copy)).toBe(offered);
    });

    it("Art. 13(2)(a): a retention row for every activity", () => {
      expect(tableRows(n(), "retention").size).toBe(m.activities.length);
    });

    it("Art. 13(2)(b)-(d): every right with the article of the organisation's law, consent withdrawal and the authority", () => {
      const rows = [...tableRows(n(), "rights").values()];
      expect(rows.map((r) => r[1])).toEqual(
        (["information", "access", "rectification", "erasure", "restriction", "portability", "objection", "automated_decision", "withdraw_consent"] as const).map((r) =>
          script(citeIn(...law.articles[r])),
        ),
      );
      const complaint = sectionText(n(), "complaint");
      expect(complaint).toContain(script(citeIn(law.articles.complaint[0]!)));
      expect(complaint).toContain(law.authority!.email);
      expect(complaint).toContain(law.authority!.website);
      if (!m.supervisory_authority) expect(complaint).toContain(script(AUTHORITY_STREET[law.code]!));
      // Withdrawing consent takes effect at once (Art. 7(3), ZZPL čl. 15(3)), whatever the policy promises.
      expect(tableRows(n(), "rights").get(script(t.rights.names.withdraw_consent))![2]).toBe(script(t.rights.immediately));
      const consent = sectionText(n(), "consent");
      const basedOnConsent = own.filter((a) => a.legal_basis?.includes("consent"));
      if (basedOnConsent.length) expect(consent).toContain(script(citeIn(law.articles.withdraw_consent[0]!)));
      expect(blocksOf(n(), "consent", "facts")).toHaveLength(basedOnConsent.length);
      // Consent for a client's service is the client's: no "how to withdraw" from us, a pointer to the client instead.
      expect(consent.includes(script(t.consent.forClients("\u0000").split("\u0000")[0]!))).toBe(forClients.length > 0);
    });

    it("Art. 13(2)(e)-(f), 14(2)(f): requirement per purpose, automated decisions, and the source of indirect data", () => {
      expect(tableRows(n(), "requirement").size).toBe(own.length);
      const paragraphs = blocksOf(n(), "automated", "paragraph").map(blockText);
      const deciding = m.activities.filter((a) => typeof a.automated_decisions === "object");
      const none = m.activities.filter((a) => a.automated_decisions === "none");
      const unstated = m.activities.filter((a) => a.automated_decisions === undefined);
      expect(blocksOf(n(), "automated", "facts")).toHaveLength(deciding.length);
      if (none.length === m.activities.length) expect(paragraphs).toContain(script(t.automated.none));
      else expect(paragraphs).not.toContain(script(t.automated.none));
      if (unstated.length === m.activities.length) expect(paragraphs).toContain(script(t.automated.notStated));
      else if (unstated.length) expect(paragraphs.some((p) => p.startsWith(script(t.automated.notStatedFor("\u0000").split("\u0000")[0]!)))).toBe(true);
      if (deciding.length) expect(paragraphs).toContain(script(t.automated.right(citeIn(...law.articles.automated_decision))));
      const indirect = own.filter((a) => a.source !== "subject");
      if (indirect.length) expect(tableRows(n(), "sources").size).toBe(indirect.length);
      else expect(blocksOf(n(), "sources", "table")).toHaveLength(0);
    });

    it("cookies: each with its provider, lifetime in words and category", () => {
      const cookies = m.cookies ?? [];
      if (!cookies.length) return expect(sectionText(n(), "cookies")).toContain(script(t.cookies.none));
      const rows = tableRows(n(), "cookies");
      for (const c of cookies) {
        const row = rows.get(c.name);
        expect(row, c.name).toBeDefined();
        const [provider, , lifetime, category] = row!;
        expect(provider!.startsWith(c.provider), c.name).toBe(true);
        const words = c.lifetime === undefined ? t.cookies.lifetimeMissing : c.lifetime === "session" ? t.cookies.session : durationWords(t, c.lifetime);
        expect(lifetime, c.name).toBe(script(words));
        expect(category, c.name).toBe(script(t.cookies.category[c.category]));
      }
    });

    it("security measures and document control (edition, approval, next review, revision history)", () => {
      const list = n().sections.find((s) => s.id === "security")!.blocks.find((b) => b.kind === "list");
      expect(list?.kind === "list" ? list.items.length : 0).toBe(m.security_measures?.length ?? 0);
      const d = m.document ?? {};
      const facts = blocksOf(n(), "document", "facts")[0];
      const fact = new Map(facts?.kind === "facts" ? facts.items.map((i) => [i.term, i.value]) : []);
      const term = (k: keyof typeof t.document.terms) => script(t.document.terms[k]);
      expect(fact.get(term("edition"))).toBe(d.edition);
      expect(fact.get(term("approved"))).toBe(d.approved && script(date(d.approved)));
      expect(fact.get(term("approver"))).toBe(d.approver);
      expect(fact.get(term("nextReview"))).toBe(d.next_review && script(date(d.next_review)));
      expect(fact.has(term("reviewEvery"))).toBe(d.review_every !== undefined);
      // No empty facts block where nothing is stated.
      if (!fact.size) expect(facts).toBeUndefined();
      const text = sectionText(n(), "document");
      if (!d.edition) expect(text).toContain(script(t.document.missingItems.edition));
      if (!d.approved) expect(text).toContain(script(t.document.missingItems.approved));
      const revisions = d.revisions ?? [];
      if (revisions.length) {
        const rows = tableRows(n(), "document");
        expect([...rows.keys()]).toEqual(revisions.map((r) => r.edition));
        for (const r of revisions) expect(rows.get(r.edition)![0]).toBe(script(date(r.date)));
      } else expect(text).toContain(script(t.document.noRevisions));
    });

    it("renders every section in HTML and Markdown", () => {
      const html = renderNoticeHtml(n());
      const md = renderNoticeMarkdown(n());
      for (const id of SECTION_IDS) {
        expect(html).toContain(`<h2 id="${id}">`);
        expect(md).toContain(`<a id="${id}"></a>`);
      }
    });
  });
});
