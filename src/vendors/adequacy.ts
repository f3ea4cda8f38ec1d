import { adequacyDecisionFor, type Jurisdiction, type PlainDate, type TransferStatus } from "../law/index.ts";
import { plusDuration } from "./dpa.ts";

/** How far ahead the end of an adequacy decision is flagged: time to put SCCs in place. */
export const ADEQUACY_WARNING_DAYS = 90;

export interface AdequacyInForce {
  country: string;
  decision: string;
  adopted: PlainDate;
  expires?: PlainDate;
  /** `ending`: in force, but its last day is within ADEQUACY_WARNING_DAYS. */
  state: "not_yet" | "in_force" | "ending" | "ended";
}

/**
 * The Commission decision a GDPR transfer rests on, judged on a date: the law module says which
 * countries are adequate, the dates say since and until when. Transfers out of Serbia are left
 * out: ZZPL čl. 64(2) also counts Convention 108 parties, a list without dates.
 */
export function adequacyInForce(jurisdiction: Jurisdiction, country: string, status: TransferStatus, today: PlainDate): AdequacyInForce | undefined {
  if (jurisdiction.regime !== "GDPR" || status.kind !== "adequate") return undefined;
  const d = adequacyDecisionFor(country);
  if (!d) return undefined;
  const base = { country: d.country, decision: d.decision, adopted: d.adopted, ...(d.expires && { expires: d.expires }) };
  if (today < d.adopted) return { ...base, state: "not_yet" };
  if (d.expires === undefined) return { ...base, state: "in_force" };
  if (d.expires < today) return { ...base, state: "ended" };
  return { ...base, state: d.expires <= plusDuration(today, `P${ADEQUACY_WARNING_DAYS}D`) ? "ending" : "in_force" };
}

export const adequacyApplies = (a: AdequacyInForce | undefined): boolean => a === undefined || a.state === "in_force" || a.state === "ending";
