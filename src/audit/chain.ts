import { createHash } from "node:crypto";

export interface AuditEntry {
  at: Date;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  details: Record<string, unknown>;
}

export const GENESIS_HASH = "0".repeat(64);

/** Canonical JSON (sorted keys) so the hash does not depend on key order after a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function entryHash(prevHash: string, seq: number, entry: AuditEntry): string {
  const body = canonicalJson({ ...entry, at: entry.at.toISOString(), seq });
  return createHash("sha256").update(prevHash).update(body).digest("hex");
}
