import type { Cookie } from "../../manifest/index.ts";
import { country, formatDate, listOf, local, verbatim, type NoticeContext } from "../context.ts";
import type { NoticeBlock, NoticeSection } from "../types.ts";
import { durationWords } from "../words.ts";
import { facts, paragraph, section, table } from "./section.ts";

/** Law 506/2004 art. 4(5), ePrivacy Art. 5(3) and Planet49: name, provider, purpose, lifetime, category, consent. */
export function cookiesSection(ctx: NoticeContext): NoticeSection {
  const { t, manifest } = ctx;
  const cookies = manifest.cookies ?? [];
  if (!cookies.length) return section(ctx, "cookies", [paragraph(t.cookies.none)]);
  const choice = manifest.cookie_consent?.method === "banner" ? t.cookies.banner : t.cookies.browser;
  return section(ctx, "cookies", [
    paragraph(t.cookies.intro),
    table(t.cookies.caption, t.cookies.columns, cookies.map((c) => cookieRow(ctx, c))),
    paragraph(choice),
  ]);
}

function cookieRow(ctx: NoticeContext, c: Cookie): string[] {
  const { t } = ctx;
  const provider = verbatim(ctx, c.provider);
  const lifetime = c.lifetime === undefined ? t.cookies.lifetimeMissing : c.lifetime === "session" ? t.cookies.session : durationWords(t, c.lifetime);
  return [
    verbatim(ctx, c.name),
    c.third_party ? `${provider} (${t.cookies.thirdParty(c.country && country(ctx, c.country))})` : provider,
    local(ctx, c.purpose) ?? t.common.notStated,
    lifetime,
    t.cookies.category[c.category],
    t.cookies.consent[c.legal_basis],
  ];
}

/** Art. 32, and Art. 13 read with Art. 5(1)(f): a short account of the security measures. */
export function securitySection(ctx: NoticeContext): NoticeSection {
  const { t } = ctx;
  const measures = ctx.manifest.security_measures ?? [];
  if (!measures.length) return section(ctx, "security", [paragraph(t.security.none)]);
  const items = measures.map((m) => {
    const text = local(ctx, m.measure) ?? m.id;
    return m.every ? `${text} (${t.security.every(durationWords(t, m.every))})` : text;
  });
  return section(ctx, "security", [paragraph(t.security.intro), { kind: "list", items }]);
}

/** Document control (edition, approval, review, revisions) and the laws the notice is given under. */
export function documentSection(ctx: NoticeContext): NoticeSection {
  const { t, manifest } = ctx;
  const d = manifest.document ?? {};
  const changes = manifest.policy_changes;
  const date = (iso: string | undefined) => iso && formatDate(ctx, iso);
  const blocks: NoticeBlock[] = [
    facts([
      [t.document.terms.edition, d.edition && verbatim(ctx, d.edition)],
      [t.document.terms.approved, date(d.approved)],
      [t.document.terms.approver, d.approver && verbatim(ctx, d.approver)],
      [t.document.terms.effective, date(d.effective)],
      [t.document.terms.nextReview, date(d.next_review)],
      [t.document.terms.reviewEvery, d.review_every && t.security.every(durationWords(t, d.review_every))],
      [t.document.terms.announced, changes?.announced_by?.length ? listOf(ctx, changes.announced_by.map((a) => t.document.announced[a])) : undefined],
      [t.document.terms.acceptance, changes && t.document.acceptance[changes.acceptance]],
    ]),
  ];
  const missing = [
    !d.edition && t.document.missingItems.edition,
    !d.approved && t.document.missingItems.approved,
    !d.approver && t.document.missingItems.approver,
    !d.next_review && !d.review_every && t.document.missingItems.review,
  ].filter((x): x is string => typeof x === "string");
  if (missing.length) blocks.push(paragraph(t.document.missing(listOf(ctx, missing))));
  blocks.push(revisions(ctx), paragraph(t.document.laws), { kind: "list", items: lawsInForce(ctx) });
  return section(ctx, "document", blocks);
}

function revisions(ctx: NoticeContext): NoticeBlock {
  const { t } = ctx;
  const rows = (ctx.manifest.document?.revisions ?? []).map((r) => [
    verbatim(ctx, r.edition),
    formatDate(ctx, r.date),
    local(ctx, r.changes) ?? t.common.notStated,
    r.approver ? verbatim(ctx, r.approver) : t.common.notStated,
  ]);
  return rows.length ? table(t.document.revisionsCaption, t.document.revisionColumns, rows) : paragraph(t.document.noRevisions);
}

/** The manifest's laws without repealed ones, and always the regime's own law first if it is not named. */
function lawsInForce(ctx: NoticeContext): string[] {
  const { law } = ctx;
  const named = (ctx.manifest.laws ?? []).filter((l) => !law.repealedLaws.some((r) => r.citation.test(l)));
  const titles = Object.values(law.law.title).filter((x): x is string => typeof x === "string");
  const mentionsRegime = named.some((l) => l.includes(law.law.shortName) || titles.some((title) => l.includes(title)));
  const own = law.law.title[ctx.base] ?? law.law.title.en;
  // Serbian laws are named in Serbian and read naturally in Cyrillic; other titles stay as written.
  return [...(mentionsRegime ? [] : [own]), ...named.map((l) => (law.code === "RS" ? l : verbatim(ctx, l)))];
}
