import type { Context } from "../context.ts";
import type { Mailer } from "../mail/index.ts";
import { requireMailer } from "../mail/index.ts";
import type { Manifest, ProcessingActivity } from "../manifest/index.ts";
import { letterMessageId, localized, type LetterLanguage, type OutcomeRow, type RequestOrganisation, type SubjectRequest } from "../requests/index.ts";
import type { Notification, StaffTask } from "./model.ts";
import { tableActivities } from "./scope.ts";
import { executionTexts } from "./texts.ts";

export type Change = "rectification" | "erasure" | "restriction";

/** The organisation's own activities (not those it does as a processor) of the tables whose rows the execution changed. */
export function changedActivities(m: Manifest, rows: readonly OutcomeRow[]): ProcessingActivity[] {
  const changed = rows.filter((row) => (row.erased ?? 0) + (row.anonymised ?? 0) + (row.rectified ?? 0) + (row.restricted ?? 0) > 0);
  const activities = changed.flatMap((row) => tableActivities(m, row.system, row.table)).filter((a) => a.role !== "processor");
  return [...new Map(activities.map((a) => [a.id, a])).values()];
}

/**
 * Art. 19 (ZZPL čl. 33): each recipient and processor of the activities whose rows changed is
 * told, by e-mail when the policy gives its `contact.email`, otherwise by a task for staff.
 * Authorities and categories of recipients are listed too: someone at the organisation knows
 * who they were in this case.
 */
export function recipientsToNotify(m: Manifest, activities: readonly ProcessingActivity[], language: LetterLanguage): Notification[] {
  const ids = [...new Set(activities.flatMap((a) => a.recipients ?? []))];
  const out: Notification[] = [];
  for (const id of ids) {
    const processor = m.processors?.find((p) => p.id === id);
    if (processor) {
      const email = processor.contact?.email;
      out.push({ id, name: processor.name, kind: "processor", via: email ? "email" : "task", ...(email && { email }) });
      continue;
    }
    const recipient = m.recipients?.find((r) => r.id === id);
    if (!recipient) continue;
    const email = recipient.contact?.email;
    out.push({ id, name: localized(recipient.name, language) ?? id, kind: "recipient", via: email ? "email" : "task", ...(email && { email }) });
  }
  return out;
}

/** How the subject is named to a recipient: the identities given in the request. */
export const identityLine = (s: SubjectRequest["subject"]) => [s.email, s.phone, s.customerId].filter(Boolean).join(", ");

export function notificationTask(n: Notification, p: { org: string; requestId: string; change: Change; activities: string[]; identity: string; article: string; language: LetterLanguage }): StaffTask {
  const t = executionTexts(p.language).notice;
  return { kind: "notify_recipient", target: `${n.kind}:${n.id}`, text: `${n.name}\n\n${t.body({ org: p.org, id: p.requestId, change: p.change, activities: p.activities, identity: p.identity, article: p.article })}` };
}

/** One notice by e-mail; resolves with the mail server's message id once it accepted it. */
export async function sendNotice(ctx: Context, mailer: Mailer | undefined, n: Notification, p: { org: RequestOrganisation; requestId: string; change: Change; activities: string[]; identity: string; article: string; language: LetterLanguage }): Promise<string> {
  const t = executionTexts(p.language).notice;
  const org = p.org.manifest.organisation.name;
  const m = requireMailer(mailer);
  // A notice sent again after a crash (before it was marked sent) carries the same Message-ID.
  const sent = await m.send({
    messageId: letterMessageId(p.org.tenantId, `${p.requestId}/notice/${n.id}`, m.from),
    to: n.email!,
    subject: t.subject(org, p.requestId),
    text: t.body({ org, id: p.requestId, change: p.change, activities: p.activities, identity: p.identity, article: p.article }),
    kind: "art19_notice",
    date: ctx.clock.now(),
  });
  return sent.messageId;
}
