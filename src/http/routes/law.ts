import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { breachNotificationDeadline, deadline, lawFor, responseDeadline, type Deadline } from "../../law/index.ts";
import { errorResponse } from "./schemas.ts";

const jurisdictionParams = z.object({ jurisdiction: z.string().regex(/^[A-Za-z]{2}$/) });

const deadlineBody = z.object({
  start: z.string(),
  due: z.string(),
  dueDate: z.string().nullable(),
  movedFrom: z.string().optional(),
  rule: z.string(),
  article: z.string().optional(),
  winner: z.enum(["law", "promise"]).optional(),
  jurisdiction: z.string(),
  timeZone: z.string(),
});

const deadlineQuery = z.object({
  from: z.iso.datetime({ offset: true }),
  kind: z.enum(["response", "response_extended", "breach", "working_days"]).default("response"),
  promise_days: z.coerce.number().int().min(1).max(365).optional(),
  working_days: z.coerce.number().int().min(1).max(365).optional(),
});

const present = (d: Deadline, extra: { article?: string; winner?: "law" | "promise" } = {}) => ({
  start: d.start.toISOString(),
  due: d.due.toISOString(),
  dueDate: d.dueDate,
  ...(d.movedFrom && { movedFrom: d.movedFrom }),
  rule: d.rule,
  jurisdiction: d.jurisdiction,
  timeZone: d.timeZone,
  ...extra,
});

/** The law as data, over HTTP: authorities, ages, articles, and the deadline calculator. */
export const lawRoutes = (): FastifyPluginAsync => async (app) => {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    "/api/v1/law/:jurisdiction",
    {
      schema: {
        summary: "Facts of a jurisdiction: regime, authority, age of digital consent, article per right",
        tags: ["law"],
        params: jurisdictionParams,
        response: { 200: z.record(z.string(), z.unknown()), 400: errorResponse },
      },
    },
    async (req) => {
      const j = lawFor(req.params.jurisdiction.toUpperCase());
      return { code: j.code, regime: j.regime, law: j.law, authority: j.authority ?? null, digitalConsentAge: j.digitalConsentAge, articles: j.articles, timeZone: j.timeZone };
    },
  );
  api.get(
    "/api/v1/law/:jurisdiction/deadline",
    {
      schema: {
        summary: "When something is due: a request answer (Art. 12(3) / ZZPL čl. 21), a breach notification, N working days",
        tags: ["law"],
        params: jurisdictionParams,
        querystring: deadlineQuery,
        response: { 200: deadlineBody, 400: errorResponse },
      },
    },
    async (req) => {
      const code = req.params.jurisdiction.toUpperCase();
      const from = new Date(req.query.from);
      switch (req.query.kind) {
        case "breach":
          return present(breachNotificationDeadline(from, code));
        case "working_days":
          return present(deadline(from, { workingDays: req.query.working_days ?? 10 }, code));
        default: {
          const r = responseDeadline(from, code, { extended: req.query.kind === "response_extended", promiseDays: req.query.promise_days });
          return present(r.deadline, { article: r.article, winner: r.winner });
        }
      }
    },
  );
};
