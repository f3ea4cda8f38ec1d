import { SingleBar } from "cli-progress";
import { appendWithAudit } from "../src/consent/service.ts";
import type { NewConsentRecord } from "../src/consent/store.ts";
import type { Db } from "../src/store/index.ts";

/** Records per transaction: big enough to be quick, small enough not to hold the chain head long. */
const CHUNK = 5000;

/**
 * Gives `count` subjects (`<prefix>1`..`<prefix><count>`) one consent each through the ledger's
 * own append, so the chain of the seeded ledger verifies like any other.
 */
export async function seedSubjects(db: Db, tenantId: string, opts: { count: number; prefix: string; record: Omit<NewConsentRecord, "consentId" | "recordedAt"> }) {
  const bar = new SingleBar({ format: "seeding subjects [{bar}] {percentage}% {value}/{total} {duration_formatted} (eta {eta_formatted})", hideCursor: true });
  bar.start(opts.count, 0);
  try {
    for (let from = 1; from <= opts.count; from += CHUNK) {
      const to = Math.min(opts.count, from + CHUNK - 1);
      const recordedAt = new Date();
      const records = Array.from({ length: to - from + 1 }, (_, i): NewConsentRecord => ({ ...opts.record, consentId: `${opts.prefix}${from + i}`, recordedAt }));
      await db.transaction((tx) => appendWithAudit(tx, tenantId, records));
      bar.update(to);
    }
  } finally {
    bar.stop();
  }
}
