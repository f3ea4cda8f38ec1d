import { keyString, normaliseIdentities, type Systems } from "../connectors/index.ts";
import type { Context } from "../context.ts";
import type { PlainDate } from "../law/index.ts";
import type { Manifest } from "../manifest/index.ts";
import type { SubjectRequest } from "../requests/index.ts";
import { heldKeys, holdStatus, listHolds } from "../retention/index.ts";
import { normalisedIdentities } from "./scope.ts";

/**
 * The rows legal holds keep on `today` (`src/retention`'s lookup), each with the reason that may
 * be told to this subject: a record hold's own reason, or the reason of a subject hold on this
 * same person (an identity in common). A row held for someone else's proceedings is kept with
 * no reason given: that reason is another person's data.
 */
export async function heldRows(ctx: Context, slug: string, m: Manifest, systems: Systems, subject: SubjectRequest["subject"], today: PlainDate): Promise<Map<string, Map<string, string | undefined>>> {
  const { keys } = await heldKeys(ctx, slug, m, systems, today);
  const out = new Map<string, Map<string, string | undefined>>();
  if (keys.size === 0) return out;
  const active = (await listHolds(ctx, slug)).filter((h) => holdStatus(h.data, today) === "active").map((h) => h.data);
  const mine = normalisedIdentities(m, subject);
  const onThisSubject = active
    .filter((h) => h.subject && Object.entries(normaliseIdentities(h.subject, { defaultCountry: m.organisation.country })).some(([kind, values]) => values?.some((v) => mine[kind as keyof typeof mine]?.includes(v))))
    .map((h) => h.reason);
  for (const [table, set] of keys) {
    const reasons = new Map<string, string | undefined>();
    for (const k of set) {
      const record = active.find((h) => h.record && `${h.record.system}.${h.record.table}` === table && keyString(h.record.key) === k);
      reasons.set(k, record?.reason ?? (onThisSubject.length ? onThisSubject.join("; ") : undefined));
    }
    out.set(table, reasons);
  }
  return out;
}
