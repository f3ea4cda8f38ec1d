import { z } from "zod";
import { normaliseIdentities, type SubjectIdentities } from "../connectors/index.ts";
import type { Context } from "../context.ts";
import { vocabulary } from "../manifest/index.ts";
import { createEntry, listEntries, type RegisterKind } from "../registers/index.ts";

const identities = z.partialRecord(z.enum(vocabulary.identityKinds), z.array(z.string().min(1).max(320)).max(20));

/**
 * Art. 18 (ZZPL čl. 31): the subject's data is marked, not changed. The organisation's systems
 * ask before processing (`GET /api/v1/organisations/:slug/restrictions?email=…`). The mark holds
 * the identities in the form connectors normalise them to, so a lookup matches however the
 * address or number was typed.
 */
export const restriction = z.strictObject({
  request: z.string(),
  identities,
  since: z.iso.datetime({ offset: true }),
  activities: z.array(z.string()),
});
export type Restriction = z.infer<typeof restriction>;

export const restrictionRegister: RegisterKind<Restriction> = {
  name: "restriction",
  schema: restriction,
  index: () => ({ status: "active", dueAt: null }),
};

/** Marks the subject once per request: a resumed execution finds the mark it already made. */
export async function markRestricted(ctx: Context, slug: string, mark: Restriction, actor: string): Promise<string> {
  const existing = (await listEntries(ctx, slug, restrictionRegister)).find((e) => e.data.request === mark.request);
  return existing ? existing.entryId : (await createEntry(ctx, slug, restrictionRegister, mark, actor)).entryId;
}

export interface RestrictionAnswer {
  restricted: boolean;
  /** The earliest mark that matches, when one does. */
  since?: string;
  activities?: string[];
}

/**
 * Whether any identity given matches a mark. The register is read whole: restrictions are few,
 * and the identities are inside each entry's document, where no index reaches.
 */
export async function isRestricted(ctx: Context, slug: string, input: SubjectIdentities, country?: string): Promise<RestrictionAnswer> {
  const wanted = normaliseIdentities(input, { defaultCountry: country });
  const marks = (await listEntries(ctx, slug, restrictionRegister)).filter((e) =>
    Object.entries(wanted).some(([kind, values]) => values?.some((v) => e.data.identities[kind as keyof typeof wanted]?.includes(v))),
  );
  if (marks.length === 0) return { restricted: false };
  const first = marks.map((e) => e.data).sort((a, b) => a.since.localeCompare(b.since))[0]!;
  return { restricted: true, since: first.since, activities: [...new Set(marks.flatMap((e) => e.data.activities))].sort() };
}
