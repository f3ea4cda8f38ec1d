import type { Context } from "../context.ts";
import { drainDeliveries } from "./delivery.ts";

export interface WebhookDispatcher {
  /** Stops polling and waits for the deliveries in flight (at most the send timeout). */
  stop(): Promise<void>;
}

/**
 * Polls the outbox in every worker process. pg-boss's cron ticks once a minute, too slow for a
 * webhook, and a job that re-sent itself every second would write a queue row per tick; a poll
 * of the partial index on due rows costs one indexed read, and SKIP LOCKED shares the work
 * between however many workers run.
 */
export function startWebhookDispatcher(ctx: Context, opts: { intervalMs?: number } = {}): WebhookDispatcher {
  const intervalMs = opts.intervalMs ?? 1000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      try {
        await drainDeliveries(ctx, { shouldStop: () => stopped });
      } catch (e) {
        // Driver messages can quote values: the type and code are enough to act on.
        ctx.log.error({ err: { type: (e as Error).name, code: (e as { code?: unknown }).code } }, "webhook dispatch failed");
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, intervalMs);
      });
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      wake?.();
      await loop;
    },
  };
}
