import { transferStatus, type Jurisdiction, type PlainDate, type TransferMechanism, type TransferStatus } from "../law/index.ts";
import { textIn, type LocalizedText, type Manifest } from "../manifest/index.ts";
import { adequacyApplies, adequacyInForce, type AdequacyInForce } from "./adequacy.ts";
import { transferDestinations, type DestinationSource } from "./destinations.ts";
import { dpaState, missingDpaTerms, type DpaState } from "./dpa.ts";

export interface ProcessorDpa {
  state: DpaState;
  signed?: PlainDate;
  ends?: PlainDate;
  /** The clauses recorded; undefined when the DPA's content is not on record. */
  terms?: string[];
  /** Art. 28(3)(a)-(h) clauses not among the recorded terms (empty when terms are not recorded). */
  missingTerms: string[];
  breachNoticeHours?: number;
  recordsWithinWorkingDays?: number;
}

export interface ProcessorRow {
  id: string;
  name: string;
  country?: string;
  address?: string;
  service?: LocalizedText;
  locations: string[];
  certifications: string[];
  dpa: ProcessorDpa;
  transferMechanism?: TransferMechanism;
  subProcessors: string[];
  /** Processors that engage this one as their sub-processor. */
  engagedBy: string[];
  /** Activities that send it data (their recipients name it). */
  activities: string[];
  /** When someone recorded that its access was ended (S4-04). */
  accessEndedOn?: PlainDate;
}

export interface TransferRow {
  source: DestinationSource;
  who: string;
  party?: string;
  activity?: string;
  country: string;
  mechanism?: TransferMechanism;
  status: TransferStatus;
  /** The adequacy decision relied on, judged on today's date. */
  adequacy?: AdequacyInForce;
  /** A lawful ground today: inside the EEA/Serbia, adequate (and in force), safeguarded or a derogation. */
  lawful: boolean;
}

export function processorRows(manifest: Manifest, today: PlainDate, accessEnded: ReadonlyMap<string, PlainDate> = new Map()): ProcessorRow[] {
  const processors = manifest.processors ?? [];
  return processors.map((p) => {
    const dpa: ProcessorDpa = {
      state: dpaState(p.dpa, today),
      ...(p.dpa?.signed && { signed: p.dpa.signed }),
      ...(p.dpa?.ends && { ends: p.dpa.ends }),
      ...(p.dpa?.terms && { terms: [...p.dpa.terms] }),
      missingTerms: p.dpa?.terms ? missingDpaTerms(p.dpa.terms) : [],
      ...(p.dpa?.breach_notice_hours !== undefined && { breachNoticeHours: p.dpa.breach_notice_hours }),
      ...(p.dpa?.records_within_working_days !== undefined && { recordsWithinWorkingDays: p.dpa.records_within_working_days }),
    };
    const ended = accessEnded.get(p.id);
    return {
      id: p.id,
      name: p.name,
      ...(p.country && { country: p.country }),
      ...(p.address && { address: p.address }),
      ...(p.service && { service: p.service }),
      locations: [...(p.locations ?? [])],
      certifications: [...(p.certifications ?? [])],
      dpa,
      ...(p.transfer && { transferMechanism: p.transfer.mechanism }),
      subProcessors: [...(p.sub_processors ?? [])],
      engagedBy: processors.filter((o) => o.sub_processors?.includes(p.id)).map((o) => o.id),
      activities: manifest.activities.filter((a) => a.recipients?.includes(p.id)).map((a) => a.id),
      ...(ended && { accessEndedOn: ended }),
    };
  });
}

const LAWFUL: ReadonlySet<TransferStatus["kind"]> = new Set(["domestic", "domestic_eea", "adequate", "safeguarded", "derogation"]);

/** Every transfer the manifest makes, with the ground the law gives it today. */
export function transferRows(manifest: Manifest, jurisdiction: Jurisdiction, today: PlainDate): TransferRow[] {
  const lang = manifest.organisation.languages[0]!;
  const names = new Map<string, string>([
    ...(manifest.recipients ?? []).map((r) => [r.id, textIn(r.name, lang) ?? r.id] as const),
    ...(manifest.processors ?? []).map((p) => [p.id, p.name] as const),
  ]);
  return transferDestinations(manifest).map((d) => {
    const status = transferStatus(jurisdiction, d.country, d.mechanism);
    const adequacy = adequacyInForce(jurisdiction, d.country, status, today);
    const lawful = LAWFUL.has(status.kind) && adequacyApplies(adequacy);
    return {
      source: d.source,
      // An activity names its recipient by id; the register names it as the party is named.
      who: d.source === "activity" && d.party ? (names.get(d.party) ?? d.who) : d.who,
      ...(d.party && { party: d.party }),
      ...(d.activity && { activity: d.activity }),
      country: d.country,
      ...(d.mechanism && { mechanism: d.mechanism }),
      status,
      ...(adequacy && { adequacy }),
      lawful,
    };
  });
}
