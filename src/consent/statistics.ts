import { and, eq, sql } from "drizzle-orm";
import type { Context } from "../context.ts";
import { textIn, type Language, type Manifest } from "../manifest/index.ts";
import { getOrganisation } from "../organisations/index.ts";
import { tables } from "../store/index.ts";
import { DECISIONS, type Decision } from "./input.ts";
import { cookiePurpose } from "./purposes.ts";

export type DecisionCounts = Record<Decision, number>;

export interface PurposeStatistics {
  purpose: string;
  /** The activity's name (or the cookie category) in the language asked for; the id when the policy has none. */
  name: string;
  /** Still offered under the policy in force (a purpose since removed keeps its counts). */
  inForce: boolean;
  /** Subjects whose latest decision is each one: what holds today. */
  current: DecisionCounts;
  /** Every decision ever recorded: what the ledger holds. */
  records: DecisionCounts;
}

export interface ConsentStatistics {
  policyVersion: number | null;
  subjects: number;
  purposes: PurposeStatistics[];
}

const zero = (): DecisionCounts => ({ given: 0, refused: 0, withdrawn: 0, expired: 0 });

/** The consent purposes of a policy: consent-based activities and optional cookie categories on consent. */
function purposesOf(manifest: Manifest | undefined, lang: Language): Map<string, string> {
  const names = new Map<string, string>();
  if (!manifest) return names;
  for (const a of manifest.activities) if (a.legal_basis?.includes("consent")) names.set(a.id, textIn(a.name, lang) ?? a.id);
  for (const c of manifest.cookies ?? []) if (c.category !== "necessary" && c.legal_basis === "consent") names.set(cookiePurpose(c.category), c.category);
  return names;
}

async function countBy(ctx: Context, table: typeof tables.consentState | typeof tables.consentRecords, tenantId: string) {
  return ctx.db
    .select({ purpose: table.purpose, decision: table.decision, n: sql<number>`count(*)::int` })
    .from(table)
    .where(and(eq(table.tenantId, tenantId)))
    .groupBy(table.purpose, table.decision);
}

/** Given, refused, withdrawn and expired per purpose: counts only, never a subject. */
export async function consentStatistics(ctx: Context, slug: string, lang: Language = "en"): Promise<ConsentStatistics> {
  const { tenant, version } = await getOrganisation(ctx, slug);
  const names = purposesOf(version?.manifest as Manifest | undefined, lang);
  const [current, records, [subjects]] = await Promise.all([
    countBy(ctx, tables.consentState, tenant.tenantId),
    countBy(ctx, tables.consentRecords, tenant.tenantId),
    ctx.db.select({ n: sql<number>`count(distinct ${tables.consentState.consentId})::int` }).from(tables.consentState).where(eq(tables.consentState.tenantId, tenant.tenantId)),
  ]);
  const byPurpose = new Map<string, PurposeStatistics>();
  const entry = (purpose: string) => {
    let s = byPurpose.get(purpose);
    if (!s) byPurpose.set(purpose, (s = { purpose, name: names.get(purpose) ?? purpose, inForce: names.has(purpose), current: zero(), records: zero() }));
    return s;
  };
  for (const purpose of names.keys()) entry(purpose);
  const known = (d: string): d is Decision => (DECISIONS as readonly string[]).includes(d);
  for (const r of current) if (known(r.decision)) entry(r.purpose).current[r.decision] += r.n;
  for (const r of records) if (known(r.decision)) entry(r.purpose).records[r.decision] += r.n;
  const purposes = [...byPurpose.values()].sort((a, b) => Number(b.inForce) - Number(a.inForce) || a.purpose.localeCompare(b.purpose));
  return { policyVersion: version?.version ?? null, subjects: subjects?.n ?? 0, purposes };
}
