import { z } from "zod";

/** Response schemas shared by several routes; they are what the OpenAPI document shows. */
/** The largest value of a PostgreSQL integer column: a bigger number in a path is refused, not a 500. */
export const PG_INT_MAX = 2_147_483_647;

export const errorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export const finding = z.object({
  rule: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  article: z.string(),
  message: z.string(),
  hint: z.string(),
  path: z.string(),
  file: z.string(),
  line: z.number().int(),
  col: z.number().int(),
});

export const lintReport = z.object({
  file: z.string(),
  findings: z.array(finding),
  errors: z.number().int(),
  warnings: z.number().int(),
});
