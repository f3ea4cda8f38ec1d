import { z } from "zod";
import { cookiePurpose, currentConsent, recordConsent, type ConsentRecord, type Decision } from "../consent/index.ts";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { vocabulary } from "../manifest/index.ts";
import { bannerTextHash, optionalChoices } from "./config.ts";
import { shownPolicy } from "./service.ts";

export const BANNER_METHODS = ["banner_accept_all", "banner_reject_all", "banner_custom", "gpc"] as const;

/** A category (`analytics`) or a service in one (`analytics:google-ireland-ltd`). */
const CHOICE_KEY = /^[a-z][a-z0-9_]*(:[a-z0-9]+(-[a-z0-9]+)*)?$/;

/** What the banner's beacon carries (a random consent id, never a person's identity). */
export const bannerDecision = z.strictObject({
  consentId: z.string().regex(/^[A-Za-z0-9-]{8,100}$/, "expected the banner's random consent id"),
  version: z.number().int().positive().max(2_147_483_647),
  language: z.enum(vocabulary.languages),
  method: z.enum(BANNER_METHODS),
  choices: z.record(z.string().regex(CHOICE_KEY, "expected a category id or <category>:<service>"), z.boolean()),
});
export type BannerDecisionInput = z.infer<typeof bannerDecision>;

export interface DecisionRequest {
  /** The browser sent `Sec-GPC: 1` with the decision. */
  gpcSignal: boolean;
  ip?: string;
  userAgent?: string;
}

const refuse = (message: string): never => {
  throw new RegistruError("invalid_choices", message, 400);
};

/**
 * The choices must be categories that version's banner asked about, or services of them, and agree
 * with the button pressed: a service is sent with its category and is never on while it is off;
 * Accept all has everything sent on, Reject all and GPC every category off.
 */
function assertChoices(d: BannerDecisionInput, asked: Map<string, string[]>) {
  const keys = Object.keys(d.choices);
  const offered = (key: string) => {
    const [category, service] = key.split(":") as [string, string | undefined];
    return asked.has(category) && (service === undefined || asked.get(category)!.includes(service));
  };
  if (keys.length === 0 || !keys.every(offered)) {
    const list = [...asked].map(([c, services]) => `${c} (${services.join(", ")})`);
    refuse(`the banner of policy version ${d.version} asks about: ${list.join(", ") || "nothing"}`);
  }
  for (const key of keys.filter((k) => k.includes(":"))) {
    const category = d.choices[key.split(":")[0]!];
    if (category === undefined) refuse("a service is sent without its category");
    if (d.choices[key] && !category) refuse("a service is on while its category is off");
  }
  const categories = [...asked.keys()];
  const consistent =
    d.method === "banner_accept_all"
      ? categories.every((c) => d.choices[c] === true) && keys.every((k) => d.choices[k])
      : d.method === "banner_custom" || categories.every((c) => d.choices[c] === false);
  if (!consistent) refuse(`choices do not match the method ${d.method}`);
}

/**
 * Records a decision made in the banner. The text hash is the server's own, for the version and
 * language shown; each category and service becomes `given`, or for a no `withdrawn` when it was
 * given before and `refused` otherwise. All of one decision commits together or not at all.
 */
export async function recordBannerDecision(ctx: Context, slug: string, d: BannerDecisionInput, req: DecisionRequest): Promise<ConsentRecord[]> {
  if (d.method === "gpc" && !req.gpcSignal) {
    throw new RegistruError("gpc_signal_missing", "a refusal by Global Privacy Control is recorded only with the Sec-GPC: 1 header the browser sends", 400);
  }
  const manifest = await shownPolicy(ctx, slug, d.version);
  const textHash = bannerTextHash(manifest, d.language);
  if (!textHash) throw new RegistruError("language_not_shown", `the banner of policy version ${d.version} is not shown in ${d.language}`, 400);
  assertChoices(d, optionalChoices(manifest));
  return ctx.db.transaction(async (tx) => {
    const inTx = { ...ctx, db: tx };
    const current = new Map((await currentConsent(inTx, slug, d.consentId)).map((s) => [s.purpose, s.decision]));
    const groups = new Map<Decision, string[]>();
    for (const [key, yes] of Object.entries(d.choices)) {
      // cookie:analytics for a category, cookie:analytics:google-ireland-ltd for a service in it.
      const purpose = cookiePurpose(key);
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
