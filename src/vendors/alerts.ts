import type { Jurisdiction, PlainDate } from "../law/index.ts";
import type { ProcessorRow, TransferRow } from "./register.ts";

export const VENDOR_ALERT_KINDS = [
  "dpa_missing",
  "dpa_expiring",
  "dpa_expired",
  "dpa_terms_missing",
  "dpa_terms_unrecorded",
  "records_term_missing",
  "end_access",
  "transfer_unlawful",
  "transfer_condition_unconfirmed",
  "adequacy_not_in_force",
  "adequacy_ending",
] as const;
export type VendorAlertKind = (typeof VENDOR_ALERT_KINDS)[number];
export type AlertSeverity = "error" | "warning" | "info";

export interface VendorAlert {
  /** Stable across runs for the same problem, so the stored alert keeps its history. */
  key: string;
  kind: VendorAlertKind;
  severity: AlertSeverity;
  processor?: string;
  country?: string;
  article: string;
  message: string;
  /** The date that matters: the DPA's or the decision's last day. */
  dueOn?: PlainDate;
}

/** A processor an earlier policy had and the one in force no longer has: its contract is over. */
export interface DepartedProcessor {
  id: string;
  name: string;
  /** The day the first policy without it was applied. */
  goneOn: PlainDate;
  signed?: PlainDate;
  accessEndedOn?: PlainDate;
}

export interface AlertInput {
  jurisdiction: Jurisdiction;
  today: PlainDate;
  processors: readonly ProcessorRow[];
  transfers: readonly TransferRow[];
  departed?: readonly DepartedProcessor[];
}

/** An access end recorded on or after the last DPA's signature covers that contract; an earlier one was for a former contract. */
export const accessEndCovers = (endedOn: PlainDate | undefined, signed: PlainDate | undefined): boolean =>
  endedOn !== undefined && (signed === undefined || endedOn >= signed);

/** Everything about processors and transfers that needs someone's attention on `today`, most serious first. */
export function vendorAlerts(input: AlertInput): VendorAlert[] {
  const cite = (gdpr: string, zzpl: string) => (input.jurisdiction.regime === "ZZPL" ? zzpl : gdpr);
  const alerts = [
    ...input.processors.flatMap((p) => processorAlerts(p, cite)),
    ...(input.departed ?? []).flatMap((d) => departedAlerts(d, cite)),
    ...input.transfers.flatMap(transferAlerts),
  ];
  const rank: Record<AlertSeverity, number> = { error: 0, warning: 1, info: 2 };
  return alerts.sort((a, b) => rank[a.severity] - rank[b.severity] || (a.dueOn ?? "9999").localeCompare(b.dueOn ?? "9999") || a.key.localeCompare(b.key));
}

type Cite = (gdpr: string, zzpl: string) => string;

function processorAlerts(p: ProcessorRow, cite: Cite): VendorAlert[] {
  const art28 = cite("GDPR Art. 28(3)", "ZZPL čl. 45(3)");
  const alert = (kind: VendorAlertKind, severity: AlertSeverity, article: string, message: string, dueOn?: PlainDate): VendorAlert => ({
    key: `${kind}:${p.id}`,
    kind,
    severity,
    processor: p.id,
    article,
    message,
    ...(dueOn && { dueOn }),
  });
  const { dpa } = p;
  if (dpa.state === "missing") return [alert("dpa_missing", "error", art28, `"${p.name}" processes data with no data-processing agreement on record`)];
  const out: VendorAlert[] = [];
  if (dpa.state === "expiring") out.push(alert("dpa_expiring", "warning", art28, `the DPA with "${p.name}" ends on ${dpa.ends}: renew it or plan the end of the processing`, dpa.ends));
  if (dpa.state === "expired" && !accessEndCovers(p.accessEndedOn, dpa.signed)) {
    out.push(alert("dpa_expired", "error", art28, `the DPA with "${p.name}" ended on ${dpa.ends}: no contract covers its processing any more`, dpa.ends));
    out.push(endAccess(p.id, p.name, dpa.ends!, cite));
  }
  if (dpa.state === "expired") return out;
  if (!dpa.terms) {
    out.push(alert("dpa_terms_unrecorded", "info", cite("GDPR Art. 28(3)(a)-(h)", "ZZPL čl. 45(3)"), `the clauses of the DPA with "${p.name}" are not recorded, so they cannot be checked`));
  } else if (dpa.missingTerms.length) {
    out.push(alert("dpa_terms_missing", "warning", cite("GDPR Art. 28(3)(a)-(h)", "ZZPL čl. 45(3)"), `the DPA with "${p.name}" lacks required clauses: ${dpa.missingTerms.join(", ")}`));
  }
  if (dpa.recordsWithinWorkingDays === undefined) {
    out.push(alert("records_term_missing", "warning", cite("GDPR Art. 28(3)(h)", "ZZPL čl. 45(3)"), `the DPA with "${p.name}" sets no time within which the processor hands over its records (records_within_working_days)`));
  }
  return out;
}

/** S4-04: the alert stays until someone records that the processor's access was ended. */
function endAccess(id: string, name: string, since: PlainDate, cite: Cite): VendorAlert {
  return {
    key: `end_access:${id}`,
    kind: "end_access",
    severity: "error",
    processor: id,
    article: cite("GDPR Art. 28(3)(g), 32(1)", "ZZPL čl. 45(3), 50(1)"),
    message: `the contract with "${name}" is over (since ${since}): end its access to personal data and record that it was ended`,
    dueOn: since,
  };
}

function departedAlerts(d: DepartedProcessor, cite: Cite): VendorAlert[] {
  return accessEndCovers(d.accessEndedOn, d.signed) ? [] : [endAccess(d.id, d.name, d.goneOn, cite)];
}

function transferAlerts(t: TransferRow): VendorAlert[] {
  const key = (kind: VendorAlertKind) => `${kind}:${t.party ?? t.who}:${t.country}${t.activity ? `:${t.activity}` : ""}`;
  const base = { ...(t.party && t.source === "processor" && { processor: t.party }), country: t.country };
  const where = `data sent to ${t.country} (${t.who}${t.activity ? `, activity ${t.activity}` : ""})`;
  const a = t.adequacy;
  if (a && (a.state === "not_yet" || a.state === "ended")) {
    const why = a.state === "not_yet" ? `the ${a.decision} applies only from ${a.adopted}` : `the ${a.decision} ended on ${a.expires}`;
    return [{ key: key("adequacy_not_in_force"), kind: "adequacy_not_in_force", severity: "error", ...base, article: t.status.article, message: `${where} relies on adequacy, but ${why}: use SCCs or another ground` }];
  }
  if (a?.state === "ending") {
    return [{ key: key("adequacy_ending"), kind: "adequacy_ending", severity: "warning", ...base, article: t.status.article, message: `${where} relies on the ${a.decision}, which ends on ${a.expires}: prepare SCCs or another ground`, dueOn: a.expires }];
  }
  if (t.status.kind === "unsafeguarded") {
    const stated = t.mechanism ? `the stated mechanism ${t.mechanism} does not cover it` : "no adequacy decision covers it and no mechanism is stated";
    const note = t.status.note ? ` (${t.status.note})` : "";
    return [{ key: key("transfer_unlawful"), kind: "transfer_unlawful", severity: "error", ...base, article: t.status.article, message: `${where}: ${stated}${note}` }];
  }
  if (t.status.kind === "adequate_if_certified") {
    return [{ key: key("transfer_condition_unconfirmed"), kind: "transfer_condition_unconfirmed", severity: "warning", ...base, article: t.status.article, message: `${where}: the adequacy decision covers only some recipients, and ${t.who} is not stated to be one` }];
  }
  return [];
}
