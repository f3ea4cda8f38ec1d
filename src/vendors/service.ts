import { sql } from "drizzle-orm";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { isPlainDate, type Jurisdiction, type PlainDate } from "../law/index.ts";
import type { Language } from "../manifest/index.ts";
import { getOrganisation, listOrganisations, policyInForce } from "../organisations/index.ts";
import { createEntry, listEntries, recordEvent, updateEntry, type StoredEntry } from "../registers/index.ts";
import { accessEndCovers, vendorAlerts, type DepartedProcessor, type VendorAlert } from "./alerts.ts";
import { departedProcessors } from "./history.ts";
import { processorKind, vendorAlertKind, type ProcessorRecord, type StoredAlert } from "./kinds.ts";
import { processorRows, transferRows, type ProcessorRow, type TransferRow } from "./register.ts";
import { processorsByVersion } from "./store.ts";

export interface VendorRegister {
  slug: string;
  organisation: string;
  /** The organisation's languages, the first being its default for documents. */
  languages: Language[];
  policyVersion: number;
  jurisdiction: Jurisdiction;
  /** The day everything is judged on, in the organisation's time zone. */
  today: PlainDate;
  processors: ProcessorRow[];
  transfers: TransferRow[];
  /** Processors of earlier policies, gone from the one in force. */
  departed: DepartedProcessor[];
  alerts: VendorAlert[];
}

/** The processors and transfers register of the policy in force, judged on the clock's date. */
export async function vendorRegister(ctx: Context, slug: string): Promise<VendorRegister> {
  const { tenant, version, manifest, jurisdiction, today } = await policyInForce(ctx, slug);
  const accessEnded = new Map((await listEntries(ctx, slug, processorKind)).flatMap((e) => (e.data.access_ended ? [[e.data.processor, e.data.access_ended.on] as const] : [])));
  const departed = departedProcessors(await processorsByVersion(ctx.db, tenant.tenantId), jurisdiction.timeZone, accessEnded);
  const processors = processorRows(manifest, today, accessEnded);
  const transfers = transferRows(manifest, jurisdiction, today);
  return {
    slug,
    organisation: manifest.organisation.name,
    languages: manifest.organisation.languages,
    policyVersion: version,
    jurisdiction,
    today,
    processors,
    transfers,
    departed,
    alerts: vendorAlerts({ jurisdiction, today, processors, transfers, departed }),
  };
}

export interface ListedAlert extends VendorAlert {
  /** The stored alert, once the daily job (or a recorded access end) has seen it. */
  entryId?: string;
  raisedOn?: PlainDate;
}

/** Today's alerts, with when each was first raised where it has been stored. */
export async function listVendorAlerts(ctx: Context, slug: string): Promise<{ register: VendorRegister; alerts: ListedAlert[] }> {
  const register = await vendorRegister(ctx, slug);
  const open = openAlerts(await listEntries(ctx, slug, vendorAlertKind));
  const alerts = register.alerts.map((a) => {
    const stored = open.get(a.key);
    return stored ? { ...a, entryId: stored.entryId, raisedOn: stored.data.raised_on } : a;
  });
  return { register, alerts };
}

const openAlerts = (entries: StoredEntry<StoredAlert>[]) => new Map(entries.filter((e) => !e.data.resolved_on).map((e) => [e.data.key, e]));

const toStored = (a: VendorAlert, raisedOn: PlainDate): StoredAlert => ({
  key: a.key,
  kind: a.kind,
  severity: a.severity,
  ...(a.processor && { processor: a.processor }),
  ...(a.country && { country: a.country }),
  article: a.article,
  message: a.message,
  ...(a.dueOn && { due_on: a.dueOn }),
  raised_on: raisedOn,
});

const same = (a: StoredAlert, b: StoredAlert) => a.message === b.message && a.severity === b.severity && a.due_on === b.due_on && a.article === b.article;

export interface AlertSync {
  raised: number;
  resolved: number;
  open: number;
}

/**
 * Stores today's alerts as register entries (raised, changed, resolved), so each alert has a
 * history and the dashboard's "what is due" sees them. Serialised per organisation by the tenant row.
 */
export async function syncVendorAlerts(ctx: Context, slug: string, actor = "registru"): Promise<AlertSync> {
  return ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    const { tenant } = await getOrganisation(c, slug);
    await tx.execute(sql`select 1 from tenants where tenant_id = ${tenant.tenantId} for update`);
    const register = await vendorRegister(c, slug);
    const open = openAlerts(await listEntries(c, slug, vendorAlertKind));
    let raised = 0;
    for (const alert of register.alerts) {
      const stored = open.get(alert.key);
      open.delete(alert.key);
      if (!stored) {
        await createEntry(c, slug, vendorAlertKind, toStored(alert, register.today), actor);
        raised++;
        continue;
      }
      const next = toStored(alert, stored.data.raised_on);
      if (!same(stored.data, next)) await updateEntry(c, slug, vendorAlertKind, stored.entryId, stored.revision, next, actor);
    }
    for (const gone of open.values()) {
      await updateEntry(c, slug, vendorAlertKind, gone.entryId, gone.revision, { ...gone.data, resolved_on: register.today }, actor);
    }
    return { raised, resolved: open.size, open: register.alerts.length };
  });
}

/** Every organisation's vendor alerts, refreshed; one organisation's failure does not stop the others. */
export async function refreshVendorAlerts(ctx: Context): Promise<number> {
  let refreshed = 0;
  for (const tenant of await listOrganisations(ctx)) {
    try {
      await syncVendorAlerts(ctx, tenant.slug);
      refreshed++;
    } catch (e) {
      ctx.log.warn({ tenant: tenant.slug, code: (e as { code?: string }).code }, "vendor alerts not refreshed");
    }
  }
  ctx.log.info({ organisations: refreshed }, "vendor alerts refreshed");
  return refreshed;
}

export interface AccessEndInput {
  /** The day access was ended (accounts disabled, keys revoked, data returned or destroyed). */
  on: PlainDate;
  note?: string;
}

/**
 * S4-04: records that a processor's access to personal data was ended, which closes its "end
 * access" alert. One record per contract: a second one for the same contract is a conflict.
 */
export async function recordAccessEnded(ctx: Context, slug: string, processorId: string, input: AccessEndInput, actor: string): Promise<StoredEntry<ProcessorRecord>> {
  const register = await vendorRegister(ctx, slug);
  const known = register.processors.find((p) => p.id === processorId) ?? register.departed.find((p) => p.id === processorId);
  if (!known) throw new RegistruError("processor_not_found", `no processor "${processorId}" in the policies of "${slug}"`, 404);
  if (!isPlainDate(input.on) || input.on > register.today) {
    throw new RegistruError("invalid_date", "the day access was ended must be a real date, today or earlier", 400);
  }
  const signed = "dpa" in known ? known.dpa.signed : known.signed;
  if (accessEndCovers(known.accessEndedOn, signed)) {
    throw new RegistruError("access_already_ended", `the access of "${processorId}" was already recorded as ended on ${known.accessEndedOn}`, 409);
  }
  const entry = await ctx.db.transaction(async (tx) => {
    const c = { ...ctx, db: tx };
    const existing = (await listEntries(c, slug, processorKind)).find((e) => e.data.processor === processorId);
    const data: ProcessorRecord = { processor: processorId, access_ended: { on: input.on, by: actor, ...(input.note && { note: input.note }) } };
    const saved = existing ? await updateEntry(c, slug, processorKind, existing.entryId, existing.revision, data, actor) : await createEntry(c, slug, processorKind, data, actor);
    await recordEvent(c, slug, processorKind, saved.entryId, { actor, kind: "access_ended", data: { on: input.on } });
    return saved;
  });
  await syncVendorAlerts(ctx, slug, actor);
  ctx.log.info({ tenant: slug, processor: processorId }, "processor access ended");
  return entry;
}
