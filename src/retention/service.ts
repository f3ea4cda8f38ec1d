import { createHmac } from "node:crypto";
import { inTransaction, openSystems, type Environment, type Systems } from "../connectors/index.ts";
import { signingKey } from "../consent/index.ts";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { resolveJurisdiction } from "../law/index.ts";
import type { Manifest } from "../manifest/index.ts";
import type { Db } from "../store/index.ts";
import { getOrganisation } from "../organisations/index.ts";
import { today as localToday } from "./cutoff.ts";
import { sweepTable, recordBatch, type Engine } from "./engine.ts";
import { initialEvidence, type TableEvidence } from "./evidence.ts";
import { heldKeys } from "./holds.ts";
import { prepare, type Prepared } from "./prepare.ts";
import { retentionRules } from "./rules.ts";
import { countQuery, StatementBuilder, VALUE } from "./sql.ts";

export interface RetentionOptions {
  /** Where `${NAME}` in the systems' urls is looked up; the process environment by default. */
  env?: Environment;
  batchSize?: number;
  /** After each batch: rows looked at so far in the table (and its expired total, when asked for). */
  onProgress?: (p: { table: string; rows: number; total?: number }) => void;
  /** Count each table's expired rows first (one more pass), for a progress bar. */
  countTotals?: boolean;
}

export const DEFAULT_BATCH_SIZE = 1000;

/**
 * The key anonymisation derives values from: per organisation and stable (a re-run writes the
 * same values), made from the organisation's signing key so it needs no storage of its own.
 */
export async function anonymisationKey(db: Db, tenantId: string): Promise<Buffer> {
  return createHmac("sha256", await signingKey(db, tenantId)).update("registru anonymisation key").digest();
}

export interface OrganisationRetention {
  tenantId: string;
  policyVersion: number;
  manifest: Manifest;
  timeZone: string;
  today: string;
  systems: Systems;
  prepared: Prepared;
  engine: Engine;
  holds: number;
}

/** The policy in force, its rules prepared against the organisation's databases, and the holds active on `now`. Close `systems` after. */
export async function openRetention(ctx: Context, slug: string, now: Date, opts: RetentionOptions = {}): Promise<OrganisationRetention> {
  const { tenant, version } = await getOrganisation(ctx, slug);
  if (!version) throw new RegistruError("policy_missing", `organisation "${slug}" has no policy yet`, 409);
  const manifest = version.manifest as Manifest;
  const timeZone = resolveJurisdiction(manifest.organisation.jurisdiction).timeZone;
  const today = localToday(now, timeZone);
  const systems = openSystems(manifest.systems ?? [], { env: opts.env ?? process.env, clock: ctx.clock });
  try {
    const prepared = await prepare(systems, retentionRules(manifest), today, timeZone);
    const held = prepared.order.length > 0 ? await heldKeys(ctx, slug, manifest, systems, today) : { keys: new Map(), holds: 0 };
    const engine: Engine = { systems, prepared, held: held.keys, secret: await anonymisationKey(ctx.db, tenant.tenantId), batchSize: opts.batchSize ?? DEFAULT_BATCH_SIZE };
    return { tenantId: tenant.tenantId, policyVersion: version.version, manifest, timeZone, today, systems, prepared, engine, holds: held.holds };
  } catch (e) {
    await systems.close();
    throw e;
  }
}

export async function expiredCount(e: Engine, key: string): Promise<number> {
  const t = e.prepared.tables.get(key)!;
  const driver = e.systems.sql(t.rule.system);
  const b = new StatementBuilder(driver.dialect, t.rule.system, e.prepared.tables, e.held);
  const q = countQuery(b, t);
  return Number((await inTransaction(driver, "read", (tx) => tx.rows(q)))[0]?.[VALUE] ?? 0);
}

export interface RetentionPlan {
  organisation: string;
  policyVersion: number;
  now: string;
  today: string;
  timeZone: string;
  holds: number;
  tables: Array<Omit<TableEvidence, "done" | "cursor">>;
  notEnforceable: Prepared["notEnforceable"];
  notes: Prepared["notes"];
}

/**
 * The dry run: the same batches a run would take, decided the same way (holds, references,
 * rows anonymised before), nothing written. Counts only; the rows never leave the engine.
 */
export async function planRetention(ctx: Context, slug: string, opts: RetentionOptions & { now?: Date } = {}): Promise<RetentionPlan> {
  const now = opts.now ?? ctx.clock.now();
  const org = await openRetention(ctx, slug, now, opts);
  try {
    const evidence = initialEvidence(org.prepared);
    const byKey = new Map(evidence.map((e) => [`${e.system}.${e.table}`, e]));
    for (const key of org.prepared.order) {
      const total = opts.countTotals ? await expiredCount(org.engine, key) : undefined;
      await sweepTable(org.engine, key, byKey.get(key)!, {
        batch: async (b) => {
          recordBatch(byKey, b);
          opts.onProgress?.({ table: key, rows: byKey.get(key)!.counts.expired, ...(total !== undefined && { total }) });
        },
        tableDone: async () => undefined,
      });
    }
    return {
      organisation: slug,
      policyVersion: org.policyVersion,
      now: now.toISOString(),
      today: org.today,
      timeZone: org.timeZone,
      holds: org.holds,
      tables: evidence.map(({ done: _d, cursor: _c, ...rest }) => rest),
      notEnforceable: org.prepared.notEnforceable,
      notes: org.prepared.notes,
    };
  } finally {
    await org.systems.close();
  }
}
