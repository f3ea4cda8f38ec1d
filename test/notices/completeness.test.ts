import { describe, expect, it } from "vitest";
import { isEeaMember, lawFor } from "../../src/law/index.ts";
import { renderNoticeHtml, renderNoticeMarkdown, SECTION_IDS } from "../../src/notices/index.ts";
import { exampleNames } from "../helpers/manifests.ts";
import { blockText, manifestOf, noticeFor, noticeLanguages, sectionText, tableRows, version } from "./helpers.ts";
// One test per notice-level promise of SEEDS.md, by organisation; the test titles carry the seed IDs.
import "./seeds/s0-impro-media.ts";
import "./seeds/s1-sentosa.ts";
import "./seeds/s2-promedia.ts";
import "./seeds/s3-registratura.ts";
import "./seeds/s4-eldrive.ts";

/**
 * Every example notice, in every language it is published in, carries every element of GDPR
 * Art. 13 and, where data comes from others, Art. 14 (ZZPL čl. 23/24 for Serbia). The checks
 * are language-neutral: ids, articles, names, e-mails and counts that must appear in any language.
 */
describe.each(exampleNames)("%s: the notice is complete", (example) => {
  const m = manifestOf(example);
  const law = lawFor(m.organisation.jurisdiction);

  describe.each(noticeLanguages(example))("in %s", (lang) => {
    const n = () => noticeFor(example, lang);

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

    it("Art. 13(1)(c)-(d): every purpose with its categories and each legal basis with its article", () => {
      const facts = n().sections.find((s) => s.id === "activities")!.blocks.filter((b) => b.kind === "facts");
      expect(facts).toHaveLength(m.activities.length);
      const text = sectionText(n(), "activities");
      for (const a of m.activities) for (const b of a.legal_basis ?? []) expect(text).toContain(law.lawfulBasisArticles[b]);
    });

    it("Art. 13(1)(e)-(f): every processor and recipient, and every transfer outside the EEA with its country", () => {
      const recipients = sectionText(n(), "recipients");
      for (const p of m.processors ?? []) expect(recipients).toContain(p.name);
      const transfers = sectionText(n(), "transfers");
      for (const a of m.activities) {
        for (const tr of Array.isArray(a.transfers) ? a.transfers : []) if (!isEeaMember(tr.to)) expect(transfers).toContain(`(${tr.to})`);
      }
    });

    it("Art. 13(2)(a): a retention row for every activity", () => {
      expect(tableRows(n(), "retention").size).toBe(m.activities.length);
    });

    it("Art. 13(2)(b)-(d): every right with the article of the organisation's law, consent withdrawal and the authority", () => {
      const rows = [...tableRows(n(), "rights").values()];
      expect(rows.map((r) => r[1])).toEqual(
        (["information", "access", "rectification", "erasure", "restriction", "portability", "objection", "automated_decision", "withdraw_consent"] as const).map((r) =>
          law.articles[r].join(", "),
        ),
      );
      expect(sectionText(n(), "complaint")).toContain(law.articles.complaint[0]!);
      expect(sectionText(n(), "complaint")).toContain(law.authority!.email);
      expect(sectionText(n(), "complaint")).toContain(law.authority!.website);
      const consent = sectionText(n(), "consent");
      const basedOnConsent = m.activities.filter((a) => a.legal_basis?.includes("consent"));
      if (basedOnConsent.length) expect(consent).toContain(law.articles.withdraw_consent[0]!);
      expect(n().sections.find((s) => s.id === "consent")!.blocks.filter((b) => b.kind === "facts")).toHaveLength(basedOnConsent.length);
    });

    it("Art. 13(2)(e)-(f), 14(2)(f): requirement per purpose, automated decisions, and the source of indirect data", () => {
      expect(tableRows(n(), "requirement").size).toBe(m.activities.filter((a) => a.role !== "processor").length);
      expect(sectionText(n(), "automated").length).toBeGreaterThan(40);
      const indirect = m.activities.filter((a) => a.source !== "subject");
      if (indirect.length) expect(tableRows(n(), "sources").size).toBe(indirect.length);
    });

    it("cookies, security and document control", () => {
      for (const c of m.cookies ?? []) expect(sectionText(n(), "cookies")).toContain(c.name);
      const list = n().sections.find((s) => s.id === "security")!.blocks.find((b) => b.kind === "list");
      expect(list?.kind === "list" ? list.items.length : 0).toBe(m.security_measures?.length ?? 0);
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
