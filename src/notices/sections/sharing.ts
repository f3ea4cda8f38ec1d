import { transferStatus } from "../../law/index.ts";
import type { ProcessingActivity, Processor } from "../../manifest/index.ts";
import type { TransferMechanism } from "../../law/index.ts";
import { activityName, activityNames, cite, country, local, postalAddress, privacyEmail, verbatim, type NoticeContext } from "../context.ts";
import type { NoticeBlock, NoticeSection } from "../types.ts";
import { retentionWords } from "../words.ts";
import { paragraph, section, table } from "./section.ts";

type Transfer = Extract<ProcessingActivity["transfers"], unknown[]>[number];

/** Art. 46 / 47 safeguards (ZZPL čl. 65, 67): the only ones of which Art. 13(1)(f) promises a copy. */
export const COPYABLE_SAFEGUARDS: ReadonlySet<TransferMechanism> = new Set(["scc", "bcr", "code_of_conduct", "certification"]);

const usedFor = (ctx: NoticeContext, id: string) => {
  const activities = ctx.manifest.activities.filter((a) => a.recipients?.includes(id));
  return activities.length ? activityNames(ctx, activities) : ctx.t.common.none;
};

/** Art. 13(1)(e) / 14(1)(e): recipients, processors with where they are and how they are certified. */
export function recipientsSection(ctx: NoticeContext): NoticeSection {
  const { t, manifest } = ctx;
  const blocks: NoticeBlock[] = [paragraph(t.recipients.intro)];
  const processors = manifest.processors ?? [];
  if (processors.length) {
    blocks.push(table(t.recipients.processorsCaption, t.recipients.processorColumns, processors.map((p) => processorRow(ctx, p))));
  } else {
    blocks.push(paragraph(t.recipients.noProcessors));
  }
  const others = manifest.recipients ?? [];
  if (others.length) {
    const rows = others.map((r) => [
      local(ctx, r.name) ?? r.id,
      t.recipients.kinds[r.kind],
      r.country ? country(ctx, r.country) : t.recipients.countryMissing,
      usedFor(ctx, r.id),
    ]);
    blocks.push(table(t.recipients.othersCaption, t.recipients.otherColumns, rows));
  }
  const none = manifest.activities.filter((a) => a.recipients?.length === 0);
  if (none.length) blocks.push(paragraph(t.recipients.notDisclosed(activityNames(ctx, none))));
  const unstated = manifest.activities.filter((a) => a.recipients === undefined);
  if (unstated.length) blocks.push(paragraph(t.recipients.notStated(activityNames(ctx, unstated))));
  return section(ctx, "recipients", blocks);
}

function processorRow(ctx: NoticeContext, p: Processor): string[] {
  const { t } = ctx;
  const names = (p.sub_processors ?? []).map((id) => ctx.manifest.processors?.find((x) => x.id === id)?.name ?? id);
  const what = local(ctx, p.service);
  const service = [what && /[.!?]$/.test(what) ? what : what && `${what}.`, names.length ? t.recipients.subProcessors(names.map((n) => verbatim(ctx, n)).join(", ")) : undefined]
    .filter(Boolean)
    .join(" ");
  return [
    verbatim(ctx, p.name),
    service || t.common.notStated,
    p.country ? country(ctx, p.country) : t.common.notStated,
    p.locations?.length ? p.locations.map((c) => country(ctx, c)).join(", ") : t.common.notStated,
    p.certifications?.length ? p.certifications.map((c) => verbatim(ctx, c)).join(", ") : t.recipients.noCertifications,
    usedFor(ctx, p.id),
  ];
}

function recipientName(ctx: NoticeContext, id: string | undefined): string {
  if (!id) return ctx.t.common.notStated;
  const processor = ctx.manifest.processors?.find((p) => p.id === id);
  if (processor) return verbatim(ctx, processor.name);
  return local(ctx, ctx.manifest.recipients?.find((r) => r.id === id)?.name) ?? id;
}

/** Art. 13(1)(f) / 14(1)(f): transfers to third countries, the safeguard, and how to get a copy of it. */
export function transfersSection(ctx: NoticeContext): NoticeSection {
  const { t, law } = ctx;
  const area = t.transfers.area[law.regime];
  const shown = ctx.manifest.activities.flatMap((a) =>
    (Array.isArray(a.transfers) ? a.transfers : []).filter((tr) => !isDomestic(ctx, tr)).map((tr) => ({ a, tr })),
  );
  const rows = shown.map(({ a, tr }) => transferRow(ctx, a, tr));
  const copyable = shown.some(({ tr }) => tr.mechanism !== undefined && COPYABLE_SAFEGUARDS.has(tr.mechanism));
  const unstated = ctx.manifest.activities.filter((a) => a.transfers === undefined);
  const blocks: NoticeBlock[] = [];
  if (rows.length) {
    blocks.push(paragraph(t.transfers.intro(area)), table(t.transfers.caption, t.transfers.columns, rows));
    if (copyable) blocks.push(paragraph(t.transfers.copy(privacyEmail(ctx) ?? postalAddress(ctx) ?? t.common.notStated)));
  } else if (!unstated.length) {
    blocks.push(paragraph(t.transfers.none(area)));
  }
  if (unstated.length) blocks.push(paragraph(t.transfers.notStated(area, activityNames(ctx, unstated))));
  return section(ctx, "transfers", blocks);
}

function isDomestic(ctx: NoticeContext, tr: Transfer): boolean {
  const kind = transferStatus(ctx.law, tr.to, tr.mechanism).kind;
  return kind === "domestic" || kind === "domestic_eea";
}

function transferRow(ctx: NoticeContext, a: ProcessingActivity, tr: Transfer): string[] {
  const { t } = ctx;
  const status = transferStatus(ctx.law, tr.to, tr.mechanism);
  let safeguard = tr.mechanism ? t.transfers.mechanism[tr.mechanism] : t.transfers.noMechanism;
  // The article is shown only where the law module confirms the ground; otherwise lint reports it.
  if (tr.mechanism && status.kind !== "unsafeguarded") safeguard += ` (${cite(ctx, status.article)})`;
  if (tr.reference) safeguard += `. ${t.transfers.reference(verbatim(ctx, tr.reference))}`;
  return [activityName(ctx, a), recipientName(ctx, tr.recipient), country(ctx, tr.to), safeguard];
}

/** Art. 13(2)(a) / 14(2)(a): how long each kind of data is kept, in words. */
export function retentionSection(ctx: NoticeContext): NoticeSection {
  const { t } = ctx;
  const rows = ctx.manifest.activities.map((a) => [activityName(ctx, a), a.retention ? retentionWords(ctx, a.retention) : t.retention.missing]);
  return section(ctx, "retention", [paragraph(t.retention.intro), table(t.retention.caption, t.retention.columns, rows)]);
}
