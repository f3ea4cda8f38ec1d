import { periodsFor, type Period } from "../../law/index.ts";
import type { ProcessingActivity } from "../../manifest/index.ts";
import { activityName, activityNames, anyOf, cite, listOf, phoneNumber, postalAddress, privacyEmail, verbatim, type NoticeContext } from "../context.ts";
import type { RequestChannel, RightId, WithdrawalChannel } from "../text/index.ts";
import type { NoticeBlock, NoticeSection } from "../types.ts";
import { deadlineWords, periodWords } from "../words.ts";
import { clientActivities, ownActivities } from "./processing.ts";
import { facts, paragraph, section, table } from "./section.ts";

/** The rights of Art. 13(2)(b)-(c), in the order the GDPR grants them; the complaint has its own section. */
const TABLE_RIGHTS: RightId[] = ["information", "access", "rectification", "erasure", "restriction", "portability", "objection", "automated_decision", "withdraw_consent"];

// Art. 12(5): refusal or a fee for manifestly unfounded or excessive requests; ZZPL čl. 21 mirrors Art. 12.
const REFUSAL_ARTICLE = { GDPR: "GDPR Art. 12(5)", ZZPL: "ZZPL čl. 21" } as const;

// Art. 7(3) / ZZPL čl. 15(3): withdrawal takes effect at once; no answer period applies to it.
const IMMEDIATE: ReadonlySet<RightId> = new Set(["withdraw_consent"]);

/** Art. 13(2)(b), 12(3)-(5): each right with its article, how to exercise it and the deadline. */
export function rightsSection(ctx: NoticeContext): NoticeSection {
  const { t, law, manifest } = ctx;
  const rights = manifest.rights;
  const blocks: NoticeBlock[] = [paragraph(t.rights.intro)];
  const offered = rights?.offered;
  if (!offered) blocks.push(paragraph(t.rights.noneListed));
  const unlisted = offered ? [...TABLE_RIGHTS, "complaint" as const].filter((r) => !offered.includes(r)) : [];
  if (unlisted.length) blocks.push(paragraph(t.rights.notListed(listOf(ctx, unlisted.map((r) => t.rights.names[r])))));
  const rows = TABLE_RIGHTS.map((r) => [t.rights.names[r], t.rights.meaning[r], cite(ctx, ...law.articles[r]), deadlineCell(ctx, r)]);
  blocks.push(table(t.rights.caption, t.rights.columns, rows));
  const periods = periodsFor(law);
  blocks.push(paragraph(t.rights.legalDeadline(periodWords(t, periods.response), periodWords(t, extension(periods.response, periods.responseExtended)), cite(ctx, law.responseDeadlineArticle))));
  if (rights?.deadlines && Object.keys(rights.deadlines).length) blocks.push(paragraph(t.rights.promiseWins));
  blocks.push(...objectionBlocks(ctx), channelsBlock(ctx));
  const forClients = clientActivities(ctx);
  if (forClients.length) blocks.push(paragraph(t.rights.forClients(activityNames(ctx, forClients))));
  blocks.push(paragraph(rights?.free_of_charge ? t.rights.free : t.rights.freeUnstated));
  if (rights?.identity_verification) blocks.push(paragraph(t.rights.identity));
  if (rights?.representatives) blocks.push(paragraph(t.rights.representatives));
  if (rights?.refusal_or_fee) blocks.push(paragraph(t.rights.refusal(cite(ctx, REFUSAL_ARTICLE[law.regime]))));
  return section(ctx, "rights", blocks);
}

function deadlineCell(ctx: NoticeContext, right: RightId): string {
  const { t } = ctx;
  // A promise of "within a month" would only delay what the law makes immediate.
  if (IMMEDIATE.has(right)) return t.rights.immediately;
  const promise = ctx.manifest.rights?.deadlines?.[right];
  const ours = promise && t.rights.ours(deadlineWords(t, promise));
  if (right === "information") return ours ? `${t.rights.informationTiming}; ${ours}` : t.rights.informationTiming;
  return ours ?? t.rights.within(periodWords(t, periodsFor(ctx.law).response));
}

/** GDPR: one month, extended to three from receipt, so the extension is two months; ZZPL 30 + 60 days. */
function extension(response: Period, extended: Period): Period {
  if ("months" in response && "months" in extended) return { months: extended.months - response.months };
  if ("days" in response && "days" in extended) return { days: extended.days - response.days };
  return extended;
}

/** Art. 21(4): the right to object is brought to the subject's attention on its own. */
function objectionBlocks(ctx: NoticeContext): NoticeBlock[] {
  const { t, law } = ctx;
  const relying = ownActivities(ctx).filter((a) => a.legal_basis?.includes("legitimate_interests"));
  const article = cite(ctx, ...law.articles.objection);
  return [...(relying.length ? [paragraph(t.rights.objection(activityNames(ctx, relying), article))] : []), paragraph(t.rights.objectionMarketing)];
}

function channelsBlock(ctx: NoticeContext): NoticeBlock {
  const { t } = ctx;
  const channels = ctx.manifest.rights?.channels ?? [];
  if (!channels.length) return paragraph(t.rights.noChannels);
  return facts(
    channels.map((c) => [t.rights.channel[c.kind], c.value ? verbatim(ctx, c.value) : channelDefault(ctx, c.kind)]),
    t.rights.channelsTitle,
  );
}

function channelDefault(ctx: NoticeContext, kind: RequestChannel): string {
  const { t } = ctx;
  const value: Record<RequestChannel, string | undefined> = {
    account: t.rights.accountValue,
    web_form: t.rights.webFormValue,
    email: privacyEmail(ctx),
    post: postalAddress(ctx),
    in_person: postalAddress(ctx),
    phone: phoneNumber(ctx),
  };
  return value[kind] ?? t.common.notStated;
}

/** Art. 13(2)(c), 7(3): withdrawing consent, how, per activity, and that earlier processing stays lawful. */
export function consentSection(ctx: NoticeContext): NoticeSection {
  const { t, law, manifest } = ctx;
  // Consent given for a client's service (role: processor) is the client's: withdrawn with the client.
  const based = ownActivities(ctx).filter((a) => a.legal_basis?.includes("consent"));
  const forClients = clientActivities(ctx);
  const clientNote = forClients.length ? [paragraph(t.consent.forClients(activityNames(ctx, forClients)))] : [];
  if (!based.length) return section(ctx, "consent", [paragraph(t.consent.none), ...clientNote]);
  const blocks: NoticeBlock[] = [paragraph(t.consent.intro(cite(ctx, ...law.articles.withdraw_consent)))];
  for (const a of based) blocks.push(facts([[t.consent.how, withdrawalText(ctx, a)]], t.consent.howTitle(activityName(ctx, a))));
  blocks.push(paragraph(t.consent.earlier));
  const gate = manifest.age_gate ?? based.find((a) => a.consent?.age_gate)?.consent?.age_gate;
  if (gate) blocks.push(paragraph(t.consent.ageGate(gate.below, gate.requires)));
  blocks.push(...clientNote);
  return section(ctx, "consent", blocks);
}

function withdrawalText(ctx: NoticeContext, a: ProcessingActivity): string {
  const channels = a.consent?.withdrawal ?? [];
  if (!channels.length) return ctx.t.consent.noChannels;
  return anyOf(ctx, channels.map((c) => ctx.t.consent.withdraw[c](withdrawalContact(ctx, c))));
}

function withdrawalContact(ctx: NoticeContext, channel: WithdrawalChannel): string | undefined {
  if (channel === "email") return privacyEmail(ctx);
  if (channel === "post" || channel === "in_person") return postalAddress(ctx);
  if (channel === "phone") return phoneNumber(ctx);
  return undefined;
}

/** Art. 13(2)(d), 77: the supervisory authority with its full name and contact details. */
export function complaintSection(ctx: NoticeContext): NoticeSection {
  const { t, law, manifest } = ctx;
  const blocks: NoticeBlock[] = [paragraph(t.complaint.intro(cite(ctx, ...law.articles.complaint)))];
  const override = manifest.supervisory_authority;
  const known = law.authority;
  if (override) {
    blocks.push(
      facts([
        [t.complaint.terms.name, verbatim(ctx, override.name)],
        [t.complaint.terms.address, verbatim(ctx, override.address)],
        [t.complaint.terms.web, override.web && verbatim(ctx, override.web)],
        [t.complaint.terms.email, override.email && verbatim(ctx, override.email)],
        [t.complaint.terms.phone, override.phone && verbatim(ctx, override.phone)],
      ]),
    );
  } else if (known) {
    // A Serbian address reads naturally in Cyrillic; any other is kept as written.
    const address = law.code === "RS" ? known.address : verbatim(ctx, known.address);
    blocks.push(
      facts([
        [t.complaint.terms.name, `${known.name[ctx.base]} (${known.shortName})`],
        [t.complaint.terms.address, address],
        [t.complaint.terms.web, verbatim(ctx, known.website)],
        [t.complaint.terms.email, verbatim(ctx, known.email)],
        [t.complaint.terms.phone, verbatim(ctx, known.phone)],
      ]),
    );
  } else {
    blocks.push(paragraph(t.complaint.missing));
  }
  blocks.push(paragraph(t.complaint.court));
  const ours = manifest.rights?.deadlines?.complaint;
  if (ours) blocks.push(paragraph(t.complaint.ours(deadlineWords(t, ours))));
  return section(ctx, "complaint", blocks);
}

