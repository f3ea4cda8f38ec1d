import { and, inArray, lte, sql } from "drizzle-orm";
import type { Context } from "../context.ts";
import type { JobDefinition } from "../jobs/queue.ts";
import { tables } from "../store/index.ts";

const { webhookDeliveries } = tables;

/** A finished delivery keeps its times and status; after this long its payload (which names the subject) is emptied. */
export const PAYLOAD_KEPT_DAYS = 30;

export async function pruneDeliveredPayloads(ctx: Context): Promise<number> {
  const before = new Date(ctx.clock.now().getTime() - PAYLOAD_KEPT_DAYS * 86_400_000);
  const rows = await ctx.db
    .update(webhookDeliveries)
    .set({ payload: {} })
    .where(and(inArray(webhookDeliveries.status, ["delivered", "failed"]), lte(webhookDeliveries.createdAt, before), sql`${webhookDeliveries.payload} <> '{}'::jsonb`))
    .returning({ id: webhookDeliveries.deliveryId });
  if (rows.length > 0) ctx.log.info({ deliveries: rows.length }, "webhook payloads pruned");
  return rows.length;
}

export const webhookPruneJob: JobDefinition = {
  name: "webhook-prune",
  schedule: "41 4 * * *",
  handle: async (ctx) => {
    await pruneDeliveredPayloads(ctx);
  },
};
