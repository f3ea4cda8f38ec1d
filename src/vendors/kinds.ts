import { z } from "zod";
import { isPlainDate } from "../law/index.ts";
import type { RegisterKind } from "../registers/index.ts";
import { VENDOR_ALERT_KINDS } from "./alerts.ts";

const date = z.string().refine(isPlainDate, "expected a real date as YYYY-MM-DD");
const id = z.string().regex(/^[a-z][a-z0-9_]*$/, "expected an id of lower-case letters, digits and _");
const shortText = z.string().trim().min(1).max(200);
const midnight = (d: string) => new Date(`${d}T00:00:00Z`);

/** What Registru knows about a processor beyond the manifest: that its access was ended (S4-04). */
const processorRecord = z.strictObject({
  processor: id,
  access_ended: z.strictObject({ on: date, by: shortText, note: z.string().trim().min(1).max(2000).optional() }).optional(),
});
export type ProcessorRecord = z.infer<typeof processorRecord>;

export const processorKind: RegisterKind<ProcessorRecord> = {
  name: "processor",
  schema: processorRecord,
  index: (r) => ({ status: r.access_ended ? "access_ended" : "active", dueAt: null }),
};

/** A vendor alert as the daily job last saw it: raised once, resolved when the problem is gone. */
const storedAlert = z.strictObject({
  key: z.string().min(1).max(300),
  kind: z.enum(VENDOR_ALERT_KINDS),
  severity: z.enum(["error", "warning", "info"]),
  processor: id.optional(),
  country: z.string().regex(/^[A-Z]{2}$/).optional(),
  article: shortText,
  message: z.string().min(1).max(2000),
  due_on: date.optional(),
  raised_on: date,
  resolved_on: date.optional(),
});
export type StoredAlert = z.infer<typeof storedAlert>;

export const vendorAlertKind: RegisterKind<StoredAlert> = {
  name: "vendor-alert",
  schema: storedAlert,
  index: (a) => ({ status: a.resolved_on ? "resolved" : "open", dueAt: a.resolved_on ? null : midnight(a.due_on ?? a.raised_on) }),
};
