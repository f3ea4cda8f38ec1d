import { z } from "zod";
import type { Context } from "../context.ts";
import { isRegistruError } from "../errors.ts";
import type { JobDefinition } from "../jobs/queue.ts";
import { listOrganisations } from "../organisations/index.ts";
import { createEntry, listEntries, updateEntry, type RegisterKind } from "../registers/index.ts";
import { runRetention } from "./run.ts";

/**
 * Whether the daily job runs an organisation's retention. Off until someone turns it on:
 * deleting from an organisation's own databases every night is a decision a person takes
 * (`registru retention schedule --org x on`), and the change is in the audit trail.
 */
export const retentionScheduleSchema = z.object({ enabled: z.boolean() });
export type RetentionSchedule = z.infer<typeof retentionScheduleSchema>;

export const retentionScheduleKind: RegisterKind<RetentionSchedule> = {
  name: "retention_schedule",
  schema: retentionScheduleSchema,
  index: (s) => ({ status: s.enabled ? "enabled" : "disabled", dueAt: null }),
};

export async function scheduleOf(ctx: Context, slug: string): Promise<RetentionSchedule> {
  const [entry] = await listEntries(ctx, slug, retentionScheduleKind);
  return entry?.data ?? { enabled: false };
}

export async function setSchedule(ctx: Context, slug: string, enabled: boolean, actor: string): Promise<RetentionSchedule> {
  const [entry] = await listEntries(ctx, slug, retentionScheduleKind);
  if (!entry) return (await createEntry(ctx, slug, retentionScheduleKind, { enabled }, actor)).data;
  if (entry.data.enabled === enabled) return entry.data;
  return (await updateEntry(ctx, slug, retentionScheduleKind, entry.entryId, entry.revision, { enabled }, actor)).data;
}

/** Runs (or resumes) the retention of every organisation that turned the schedule on; one failing does not stop the others. */
export async function runScheduledRetention(ctx: Context): Promise<{ ran: string[]; failed: string[] }> {
  const ran: string[] = [];
  const failed: string[] = [];
  for (const org of await listOrganisations(ctx)) {
    if (!(await scheduleOf(ctx, org.slug)).enabled) continue;
    try {
      await runRetention(ctx, org.slug, { trigger: "schedule", actor: "schedule" });
      ran.push(org.slug);
    } catch (e) {
      failed.push(org.slug);
      ctx.log.warn({ organisation: org.slug, code: isRegistruError(e) ? e.code : "unexpected" }, "scheduled retention run failed");
    }
  }
  return { ran, failed };
}

export const retentionDailyJob: JobDefinition = {
  name: "retention-daily",
  schedule: "40 2 * * *",
  handle: async (ctx) => {
    const { ran, failed } = await runScheduledRetention(ctx);
    ctx.log.info({ ran: ran.length, failed: failed.length }, "scheduled retention done");
  },
};

/** Executes (or resumes) one run created by the API. */
export const retentionRunJob: JobDefinition<{ slug?: string; runId?: string }> = {
  name: "retention-run",
  handle: async (ctx, data) => {
    if (!data.slug || !data.runId) return;
    await runRetention(ctx, data.slug, { trigger: "api", actor: "worker", runId: data.runId }).catch((e: unknown) => {
      // Another process already runs it, or it finished: nothing for this job to do.
      if (isRegistruError(e) && ["retention_run_in_progress", "retention_run_finished"].includes(e.code)) return;
      throw e;
    });
  },
};
