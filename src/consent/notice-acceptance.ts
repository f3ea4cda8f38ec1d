import { createHash } from "node:crypto";
import { z } from "zod";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { vocabulary, type Manifest } from "../manifest/index.ts";
import { currentNoticeSource, renderNotice } from "../notices/index.ts";
import { getOrganisation } from "../organisations/index.ts";
import { truncateIp } from "./ip.ts";
import { appendWithAudit, assertGuardian, type ConsentRecord } from "./service.ts";
import * as store from "./store.ts";

/** The ledger purpose of "I have read and accept the notice": proof of information, not a consent. */
export const NOTICE_PURPOSE = "notice";

export const noticeAcceptanceInput = z.strictObject({
  consentId: z.string().trim().min(1).max(200),
  subjectRef: z.string().trim().min(1).max(200).optional(),
  language: z.enum(vocabulary.languages),
  method: z.enum(["app_registration", "form", "paper_scan", "staff_entry"]),
  collectedBy: z.string().trim().min(1).max(200).optional(),
  /** The parent or guardian who accepted for a child below the digital-consent age (S0-04). */
  guardian: z.string().trim().min(1).max(200).optional(),
  /** Only compared with the jurisdiction's digital-consent age; never stored. */
  age: z.number().int().min(0).max(150).optional(),
  ip: z.string().optional(),
  userAgent: z.string().max(512).optional(),
});
export type NoticeAcceptanceInput = z.input<typeof noticeAcceptanceInput>;

export interface NoticeAcceptanceStatus {
  /** The subject accepted the version in force: registration may go ahead (S4-03). */
  current: boolean;
  policyVersion: number;
  accepted: { policyVersion: number; language: string; at: Date } | null;
}

/**
 * Records that a subject explicitly accepted the notice in force (S4-03: before registering in the
 * app). The hash is of the exact HTML notice in that language, so the record proves which text was accepted.
 */
export async function acceptNotice(ctx: Context, slug: string, raw: NoticeAcceptanceInput): Promise<ConsentRecord> {
  const parsed = noticeAcceptanceInput.safeParse(raw);
  if (!parsed.success) {
    const paths = parsed.error.issues.map((i) => i.path.map(String).join(".") || "(root)");
    throw new RegistruError("invalid_notice_acceptance", `invalid notice acceptance: ${paths.join(", ")}`, 400);
  }
  const input = parsed.data;
  if (input.method === "staff_entry" && !input.collectedBy) throw new RegistruError("collector_required", "a staff entry must name who collected the acceptance", 400);
  const source = await currentNoticeSource(ctx, slug);
  const html = await renderNotice(source, input.language, "html");
  const textHash = createHash("sha256").update(html.body).digest("hex");
  const [row] = await ctx.db.transaction(async (tx) => {
    const { tenant, version } = await getOrganisation({ ...ctx, db: tx }, slug);
    if (version?.version !== source.version.version) throw new RegistruError("stale_policy_version", "the policy changed while accepting: show the new notice", 409);
    // Registering is where S0-04 bites: a child below the age registers only with a parent's or guardian's acceptance.
    assertGuardian(tenant.jurisdiction, input.age, input.guardian);
    return appendWithAudit(tx, tenant.tenantId, [
      {
        consentId: input.consentId,
        subjectRef: input.subjectRef ?? null,
        purpose: NOTICE_PURPOSE,
        decision: "given",
        legalBasis: "information",
        policyVersion: version.version,
        textHash,
        language: input.language,
        jurisdiction: tenant.jurisdiction,
        method: input.method,
        collectedBy: input.collectedBy ?? null,
        guardian: input.guardian ?? null,
        recordedAt: ctx.clock.now(),
        validUntil: null,
        ipTruncated: input.ip ? truncateIp(input.ip) : null,
        userAgent: input.userAgent ?? null,
      },
    ]);
  });
  ctx.log.info({ tenant: slug, policyVersion: source.version.version }, "notice accepted");
  return row!;
}

/** Whether the subject accepted the notice in force; after a change that asks for explicit acceptance, an older acceptance is not current. */
export async function noticeAcceptance(ctx: Context, slug: string, consentId: string): Promise<NoticeAcceptanceStatus> {
  const { tenant, version } = await getOrganisation(ctx, slug);
  if (!version) throw new RegistruError("no_policy_in_force", "the organisation has no policy version applied", 409);
  const last = (await store.history(ctx.db, tenant.tenantId, consentId)).filter((r) => r.purpose === NOTICE_PURPOSE).at(-1);
  const accepted = last ? { policyVersion: last.policyVersion, language: last.language, at: last.recordedAt } : null;
  const explicit = (version.manifest as Manifest).policy_changes?.acceptance === "explicit";
  const current = accepted !== null && (accepted.policyVersion === version.version || !explicit);
  return { current, policyVersion: version.version, accepted };
}
