import { z } from "zod";
import { cookiePurpose, currentConsent, recordConsent, type ConsentRecord, type Decision } from "../consent/index.ts";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { vocabulary } from "../manifest/index.ts";
import { bannerTextHash, optionalCategories } from "./config.ts";
import { shownPolicy } from "./service.ts";

export const BANNER_METHODS = ["banner_accept_all", "banner_reject_all", "banner_custom", "gpc"] as const;

/** What the banner's beacon carries (a random consent id, never a person's identity). */
export const bannerDecision = z.strictObject({
  consentId: z.string().regex(/^[A-Za-z0-9-]{8,100}$/, "expected the banner's random consent id"),
  version: z.number().int().positive().max(2_147_483_647),
  language: z.enum(vocabulary.languages),
  method: z.enum(BANNER_METHODS),
  choices: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/), z.boolean()),
});
export type BannerDecisionInput = z.infer<typeof bannerDecision>;

export interface DecisionRequest {
  /** The browser sent `Sec-GPC: 1` with the decision. */
  gpcSignal: boolean;
  ip?: string;
  userAgent?: string;
}

/** The choices must be the categories that version's banner asked about, and agree with the button pressed. */
function assertChoices(d: BannerDecisionInput, optional: string[]) {
  const given = Object.keys(d.choices);
  const unknown = given.filter((c) => !optional.includes(c));
  if (unknown.length || given.length === 0) {
    throw new RegistruError("invalid_choices", `the banner of policy version ${d.version} asks about: ${optional.join(", ") || "nothing"}`, 400);
  }
  const all = (value: boolean) => optional.every((c) => d.choices[c] === value);
  const consistent = d.method === "banner_accept_all" ? all(true) : d.method === "banner_custom" ? true : all(false);
  if (!consistent) throw new RegistruError("invalid_choices", `choices do not match the method ${d.method}`, 400);
}

/**
 * Records a decision made in the banner. The text hash is the server's own, for the version and
 * language shown; each category becomes `given`, or for a no `withdrawn` when it was given
 * before and `refused` otherwise. All of one decision commits together or not at all.
 */
export async function recordBannerDecision(ctx: Context, slug: string, d: BannerDecisionInput, req: DecisionRequest): Promise<ConsentRecord[]> {
  if (d.method === "gpc" && !req.gpcSignal) {
    throw new RegistruError("gpc_signal_missing", "a refusal by Global Privacy Control is recorded only with the Sec-GPC: 1 header the browser sends", 400);
  }
  const manifest = await shownPolicy(ctx, slug, d.version);
  const textHash = bannerTextHash(manifest, d.language);
  if (!textHash) throw new RegistruError("language_not_shown", `the banner of policy version ${d.version} is not shown in ${d.language}`, 400);
  assertChoices(d, optionalCategories(manifest));
  return ctx.db.transaction(async (tx) => {
    const inTx = { ...ctx, db: tx };
    const current = new Map((await currentConsent(inTx, slug, d.consentId)).map((s) => [s.purpose, s.decision]));
    const groups = new Map<Decision, string[]>();
    for (const [category, yes] of Object.entries(d.choices)) {
      const purpose = cookiePurpose(category);
      const decision: Decision = yes ? "given" : current.get(purpose) === "given" ? "withdrawn" : "refused";
      groups.set(decision, [...(groups.get(decision) ?? []), purpose]);
    }
    const rows: ConsentRecord[] = [];
    for (const [decision, purposes] of groups) {
      const { consentId, version: policyVersion, language, method } = d;
      const input = { consentId, purposes, decision, policyVersion, textHash, language, method, ip: req.ip, userAgent: req.userAgent };
      rows.push(...(await recordConsent(inTx, slug, input, { recordUnderVersionShown: true })));
    }
    return rows;
  });
}
