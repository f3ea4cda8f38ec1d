import { z } from "zod";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { lawFor } from "../law/index.ts";
import { getEntry, recordEvent, updateEntry, type RegisterEvent } from "../registers/index.ts";
import { breachArticles } from "./articles.ts";
import { authorityDeadline } from "./clock.ts";
import { breachKind } from "./kind.ts";
import { AUTHORITY_CHANNELS, localized, NOTIFICATION_PHASES, SUBJECT_CHANNELS, type AuthorityNotification, type Breach, type Notification } from "./schema.ts";
import { issuesOf, type StoredBreach } from "./service.ts";

const instant = z.iso.datetime({ offset: true });

/** A notification sent: to the authority (in phases, Art. 33(4)) or to the subjects (Art. 34). `at` defaults to now. */
export const notificationInput = z.discriminatedUnion("to", [
  z.strictObject({
    to: z.literal("authority"),
    phase: z.enum(NOTIFICATION_PHASES),
    channel: z.enum(AUTHORITY_CHANNELS),
    at: instant.optional(),
    reference: z.string().trim().min(1).max(200).optional(),
    /** Required when the first notification is sent after the 72 hours and the entry has none yet (S1-08). */
    delay_reason: localized.optional(),
  }),
  z.strictObject({
    to: z.literal("subjects"),
    channel: z.enum(SUBJECT_CHANNELS),
    count: z.number().int().min(0),
    at: instant.optional(),
  }),
]);
export type NotificationInput = z.infer<typeof notificationInput>;

const authorityNotifications = (b: Breach) => b.notifications.filter((n): n is AuthorityNotification => n.to === "authority");

/** Phases in order: one initial (or a complete notification given as final at once), follow-ups, then nothing after the final one. */
function checkPhase(b: Breach, phase: AuthorityNotification["phase"]) {
  const sent = authorityNotifications(b);
  if (sent.some((n) => n.phase === "final")) throw new RegistruError("notification_final", "the final notification to the authority has been sent; correct it by a new entry's note, not another phase", 409);
  if (sent.length === 0 && phase === "follow_up") throw new RegistruError("initial_notification_missing", "a follow-up needs an initial notification first (send it as initial, or as final if it is complete)", 400);
  if (sent.length > 0 && phase === "initial") throw new RegistruError("initial_already_sent", "the initial notification was sent; further information is a follow_up or the final phase", 409);
}

function toNotification(b: Breach, input: NotificationInput, at: Date, actor: string): Notification {
  const iso = at.toISOString();
  if (input.to === "subjects") return { to: "subjects", channel: input.channel, count: input.count, at: iso, recorded_by: actor };
  checkPhase(b, input.phase);
  const first = authorityNotifications(b).length === 0;
  const late = first && at.getTime() > authorityDeadline(b).due.getTime();
  if (late && !input.delay_reason && !b.delay_reason) {
    const article = breachArticles(lawFor(b.jurisdiction)).delay;
    throw new RegistruError("delay_reason_required", `the authority is notified after the 72 hours from awareness: give the reasons for the delay (${article}, S1-08)`, 400);
  }
  return { to: "authority", phase: input.phase, channel: input.channel, at: iso, ...(input.reference && { reference: input.reference }), late, recorded_by: actor };
}

/**
 * Records a notification sent: the entry (its status and open deadlines) and the timeline
 * change in one transaction, so the register never shows one without the other.
 */
export async function notifyBreach(ctx: Context, slug: string, entryId: string, value: unknown, actor: string): Promise<{ breach: StoredBreach; event: RegisterEvent }> {
  const parsed = notificationInput.safeParse(value);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error);
    throw new RegistruError("invalid_notification", `invalid notification: ${issues.map((i) => i.path || "(root)").join(", ")}`, 400, issues);
  }
  const input = parsed.data;
  return ctx.db.transaction(async (tx) => {
    const txCtx = { ...ctx, db: tx };
    const entry = await getEntry(txCtx, slug, breachKind, entryId);
    const b = entry.data;
    if (b.closed_at) throw new RegistruError("breach_closed", `${entryId} is closed`, 409);
    const now = ctx.clock.now();
    const at = input.at ? new Date(input.at) : now;
    if (at.getTime() > now.getTime()) throw new RegistruError("notification_in_future", "a notification is recorded once it has been sent: its time cannot be in the future", 400);
    if (at.getTime() < new Date(b.aware_at).getTime()) throw new RegistruError("notification_before_awareness", "a notification cannot precede the awareness of the breach", 400);
    const sent = toNotification(b, input, at, actor);
    const delayReason = input.to === "authority" ? (input.delay_reason ?? b.delay_reason) : b.delay_reason;
    const data: Breach = { ...b, ...(delayReason && { delay_reason: delayReason }), notifications: [...b.notifications, sent] };
    const breach = await updateEntry(txCtx, slug, breachKind, entryId, entry.revision, data, actor);
    const event = await recordEvent(txCtx, slug, breachKind, entryId, { actor, kind: `${sent.to}_notified`, data: sent });
    return { breach, event };
  });
}
