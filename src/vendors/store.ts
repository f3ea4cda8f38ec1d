import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../store/index.ts";
import { tables } from "../store/index.ts";

const { policyVersions } = tables;

export interface PolicyProcessors {
  version: number;
  appliedAt: Date;
  processors: Array<{ id: string; name: string; dpa?: { signed?: string } }>;
}

/** The processors of every policy version, oldest first: only that part of each manifest is read. */
export async function processorsByVersion(db: Db, tenantId: string): Promise<PolicyProcessors[]> {
  const rows = await db
    .select({ version: policyVersions.version, appliedAt: policyVersions.appliedAt, processors: sql<unknown>`${policyVersions.manifest}->'processors'` })
    .from(policyVersions)
    .where(eq(policyVersions.tenantId, tenantId))
    .orderBy(asc(policyVersions.version));
  return rows.map((r) => ({ version: r.version, appliedAt: r.appliedAt, processors: Array.isArray(r.processors) ? (r.processors as PolicyProcessors["processors"]) : [] }));
}
