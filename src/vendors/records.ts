import { deadline, type Deadline, type Jurisdiction } from "../law/index.ts";
import type { ProcessorRow } from "./register.ts";

/**
 * When a processor must hand over its records after the controller asks (S4-09: "within 10
 * working days"), counted on the controller's working-day calendar; null when the DPA sets no time.
 */
export function recordsDue(p: ProcessorRow, requestedAt: Date, jurisdiction: Jurisdiction): Deadline | null {
  const n = p.dpa.recordsWithinWorkingDays;
  return n === undefined ? null : deadline(requestedAt, { workingDays: n }, jurisdiction);
}
