import type { Language, Manifest } from "../manifest/index.ts";
import { createContext, verbatim, type ForeignText, type NoticeContext } from "./context.ts";
import { cyrillicTransliterator } from "./cyrillic.ts";
import { controllerSection, dpoSection } from "./sections/identity.ts";
import { activitiesSection, automatedSection, requirementSection, sourcesSection } from "./sections/processing.ts";
import { complaintSection, consentSection, rightsSection } from "./sections/rights.ts";
import { recipientsSection, retentionSection, transfersSection } from "./sections/sharing.ts";
import { cookiesSection, documentSection, securitySection } from "./sections/site.ts";
import type { SectionId } from "./text/index.ts";
import type { Notice, NoticeBlock, NoticeSection } from "./types.ts";

export interface PolicyVersion {
  version: number;
  appliedAt: Date;
  contentHash: string;
}

/**
 * A Notice plus the fragments that are not in the notice's language (manifest texts that fell
 * back to English). Renderers that can mark languages (HTML) use them; the rest ignore them.
 */
export interface BuiltNotice extends Notice {
  foreign: ForeignText[];
}

/** In the order of Art. 13: who, what for, to whom, how long, rights, then the rest. */
const BUILDERS: Record<SectionId, (ctx: NoticeContext) => NoticeSection> = {
  controller: controllerSection,
  dpo: dpoSection,
  activities: activitiesSection,
  recipients: recipientsSection,
  transfers: transfersSection,
  retention: retentionSection,
  rights: rightsSection,
  consent: consentSection,
  complaint: complaintSection,
  requirement: requirementSection,
  automated: automatedSection,
  sources: sourcesSection,
  cookies: cookiesSection,
  security: securitySection,
  document: documentSection,
};

/** The privacy notice (GDPR Art. 13/14, ZZPL čl. 23/24) of a manifest, in one language. */
export function buildNotice(manifest: Manifest, version: PolicyVersion, lang: Language): BuiltNotice {
  const ctx = createContext(manifest, lang);
  const sections = Object.values(BUILDERS).map((build) => build(ctx));
  const notice: BuiltNotice = {
    lang,
    title: ctx.t.title,
    organisation: verbatim(ctx, manifest.organisation.name),
    versionLine: versionLine(ctx, version),
    sections,
    foreign: [...ctx.foreign].map(([text, l]) => ({ text, lang: l })),
  };
  return lang === "sr-Cyrl" ? transliterate(notice, ctx) : notice;
}

function versionLine(ctx: NoticeContext, v: PolicyVersion): string {
  if (v.version === 0) return ctx.t.draftLine(v.contentHash.slice(0, 12));
  // The date the version was applied, in the organisation's own time zone.
  const date = new Intl.DateTimeFormat("en-CA", { timeZone: ctx.law.timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(v.appliedAt);
  return ctx.t.versionLine(v.version, date, v.contentHash.slice(0, 12));
}

function transliterate(notice: BuiltNotice, ctx: NoticeContext): BuiltNotice {
  const cyr = cyrillicTransliterator(ctx.keep);
  const block = (b: NoticeBlock): NoticeBlock => {
    switch (b.kind) {
      case "paragraph":
        return { kind: "paragraph", text: cyr(b.text) };
      case "list":
        return { kind: "list", items: b.items.map(cyr) };
      case "facts":
        return { kind: "facts", ...(b.title !== undefined && { title: cyr(b.title) }), items: b.items.map((i) => ({ term: cyr(i.term), value: cyr(i.value) })) };
      case "table":
        return { kind: "table", caption: cyr(b.caption), columns: b.columns.map(cyr), rows: b.rows.map((r) => r.map(cyr)) };
    }
  };
  return {
    ...notice,
    title: cyr(notice.title),
    versionLine: cyr(notice.versionLine),
    sections: notice.sections.map((s) => ({ id: s.id, heading: cyr(s.heading), blocks: s.blocks.map(block) })),
  };
}
