import type { z } from "zod";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import type { Manifest } from "../manifest/index.ts";
import { createEntry, entryEvents, getEntry, listEntries, updateEntry, type RegisterEvent, type StoredEntry } from "../registers/index.ts";
import { firstAuthorityNotification } from "./clock.ts";
import { breachKind } from "./kind.ts";
import { breachOrganisation, type BreachOrganisation } from "./organisation.ts";
import { decisionIssues, type Issue } from "./risk.ts";
import { breachInput, type Breach, type BreachInput } from "./schema.ts";

export type StoredBreach = StoredEntry<Breach>;

/** The same shape as the register's own validation errors: paths and messages, never the values. */
export const invalidBreach = (issues: Issue[]) =>
  new RegistruError("invalid_breach", `invalid breach: ${issues.map((i) => i.path || "(root)").join(", ")}`, 400, issues);

/** zod issues as paths and messages; an unknown key is reported at the key, one issue per key. */
export function issuesOf(error: z.ZodError): Issue[] {
  return error.issues.flatMap((i) => {
    const path = i.path.map(String);
    if (i.code === "unrecognized_keys") return i.keys.map((k) => ({ path: [...path, k].join("."), message: `unknown key "${k}"` }));
    return [{ path: path.join("."), message: i.message }];
  });
}

export function parseBreachInput(value: unknown): BreachInput {
  const r = breachInput.safeParse(value);
  if (r.success) return r.data;
  throw invalidBreach(issuesOf(r.error));
}

const processorWindow = (m: Manifest, processorId: string) => m.processors?.find((p) => p.id === processorId)?.dpa?.breach_notice_hours ?? null;

/** What only the policy in force can tell: the processor exists, the decisions fit the risk. */
function policyIssues(input: BreachInput, org: BreachOrganisation): Issue[] {
  const issues: Issue[] = [];
  const p = input.reported_by_processor;
  if (p && !org.manifest.processors?.some((x) => x.id === p.processor)) {
    const known = org.manifest.processors?.map((x) => x.id).join(", ") || "none";
    issues.push({ path: "reported_by_processor.processor", message: `no processor "${p.processor}" in the policy in force (processors: ${known})` });
  }
  return [...issues, ...decisionIssues(input, org.jurisdiction)];
}

function toStored(input: BreachInput, org: BreachOrganisation, previous?: Breach): Breach {
  const { reported_by_processor: p, ...rest } = input;
  // The window is the DPA's when the breach was recorded; a later policy does not change a past obligation.
  const kept = previous?.reported_by_processor?.processor === p?.processor ? previous?.reported_by_processor?.window_hours : undefined;
  return {
    ...rest,
    ...(p && { reported_by_processor: { ...p, window_hours: kept !== undefined ? kept : processorWindow(org.manifest, p.processor) } }),
    jurisdiction: previous?.jurisdiction ?? org.jurisdiction.code,
    notifications: previous?.notifications ?? [],
  };
}

export async function createBreach(ctx: Context, slug: string, value: unknown, actor: string): Promise<StoredBreach> {
  const input = parseBreachInput(value);
  const org = await breachOrganisation(ctx, slug);
  const issues = policyIssues(input, org);
  if (issues.length) throw invalidBreach(issues);
  const created = await createEntry(ctx, slug, breachKind, toStored(input, org), actor);
  ctx.log.info({ tenant: slug, breach: created.entryId }, "breach recorded");
  return created;
}

/** Replaces what a person gives; the notifications sent and the law and window in force stay as recorded. */
export async function updateBreach(ctx: Context, slug: string, entryId: string, revision: number, value: unknown, actor: string): Promise<StoredBreach> {
  const input = parseBreachInput(value);
  const org = await breachOrganisation(ctx, slug);
  const previous = await getEntry(ctx, slug, breachKind, entryId);
  const issues = policyIssues(input, org);
  if (firstAuthorityNotification(previous.data)?.late && !input.delay_reason) {
    issues.push({ path: "delay_reason", message: "the authority was notified after 72 hours: the reasons for the delay stay on record" });
  }
  if (issues.length) throw invalidBreach(issues);
  return updateEntry(ctx, slug, breachKind, entryId, revision, toStored(input, org, previous.data), actor);
}

export const getBreach = (ctx: Context, slug: string, entryId: string) => getEntry(ctx, slug, breachKind, entryId);
export const listBreaches = (ctx: Context, slug: string) => listEntries(ctx, slug, breachKind);
export const breachTimeline = (ctx: Context, slug: string, entryId: string): Promise<RegisterEvent[]> => entryEvents(ctx, slug, breachKind, entryId);
