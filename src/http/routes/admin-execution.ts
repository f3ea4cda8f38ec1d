import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { RegistruError } from "../../errors.ts";
import { findExecution } from "../../execution/index.ts";
import { SLUG } from "../../organisations/index.ts";
import { REQUEST_ID } from "../../requests/index.ts";
import { guardRoutes } from "../access.ts";
import type { ServerDeps } from "../server.ts";
import { errorResponse } from "./schemas.ts";

const progress = z.object({
  state: z.string(),
  plannedAt: z.string(),
  systems: z.array(z.object({ system: z.string(), effects: z.number().int(), done: z.boolean(), doneAt: z.string().nullable() })),
  systemsDone: z.number().int(),
  tasks: z.number().int(),
  notifications: z.object({ total: z.number().int(), sent: z.number().int() }),
  lastError: z.object({ code: z.string(), at: z.string() }).nullable(),
});

/**
 * `GET …/requests/:id/execution/progress`: how far a request's execution has got, in counts and
 * system names only. The admin app polls it while a request runs; the full plan (…/execution)
 * holds the subject's data, and each view of that one is logged.
 */
export const adminExecutionRoutes =
  ({ ctx }: ServerDeps): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    guardRoutes(app, ctx, { permission: "read" });
    app.get(
      "/api/v1/organisations/:slug/requests/:id/execution/progress",
      {
        schema: {
          summary: "How far a request's execution has got: systems done, tasks, notices sent, the last error (no personal data)",
          tags: ["requests"],
          security: [{ apiKey: [] }, { session: [] }],
          params: z.object({ slug: z.string().regex(SLUG), id: z.string().regex(REQUEST_ID) }),
          response: { 200: progress, 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse },
        },
      },
      async (req) => {
        const e = await findExecution(ctx, req.params.slug, req.params.id);
        if (!e) throw new RegistruError("execution_not_found", `${req.params.id} has no execution plan yet`, 404);
        const x = e.data;
        return {
          state: x.state,
          plannedAt: x.plannedAt,
          systems: x.systems.map((s) => ({ system: s.system, effects: s.effects.length, done: s.done !== undefined, doneAt: s.done?.at ?? null })),
          systemsDone: x.systems.filter((s) => s.done).length,
          tasks: x.tasks.length,
          notifications: { total: x.notifications.length, sent: x.notifications.filter((n) => n.sentAt).length },
          lastError: x.lastError ?? null,
        };
      },
    );
  };
