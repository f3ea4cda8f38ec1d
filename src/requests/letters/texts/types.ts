import type { KEPT_REASONS, REFUSAL_GROUNDS, RequestChannel, RequestRight } from "../../model.ts";

export type KeptReason = (typeof KEPT_REASONS)[number];
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];

export interface AuthorityLine {
  article: string;
  name: string;
  /** Address, website, e-mail: whatever is known. */
  contacts: string[];
}

/** Everything a letter says, in one language. Serbian Cyrillic is the Latin text transliterated. */
export interface LetterTexts {
  /** For dates and amounts (Intl). */
  locale: string;
  rightName: Record<RequestRight, string>;
  channel: Record<RequestChannel, string>;
  greeting: string;
  closing: string;
  /** The first sentence of every letter: what was asked, when, under which article. */
  asked(p: { date: string; org: string; right: RequestRight; article: string }): string;
  onBehalf(p: { name: string; relationship: string }): string;
  reasons(text: string): string;
  authority(a: AuthorityLine): string;
  response: {
    title(id: string): string;
    subject(org: string, id: string): string;
    intro: string;
    done: Record<RequestRight, string>;
    packageAt(url: string, until: string): string;
    nothingFound: string;
    columns: [string, string, string, string];
    actions: { exported: string; rectified: string; erased: string; anonymised: string; restricted: string };
    kept(p: { where: string; count: number; reason: KeptReason; basis?: string }): string;
    /** Art. 19: the recipients and processors told of the change. */
    notified(names: string[], article: string): string;
    keptShort: Record<KeptReason, string>;
  };
  extension: { title(id: string): string; subject(org: string, id: string): string; body(p: { article: string; regime: "GDPR" | "ZZPL"; date: string }): string };
  refusal: { title(id: string): string; subject(org: string, id: string): string; body(p: { ground: RefusalGround; article: string }): string };
  fee: { title(id: string): string; subject(org: string, id: string): string; body(p: { ground: RefusalGround; article: string; amount: string }): string };
  representativeRejected: { title(id: string): string; subject(org: string, id: string): string; body(p: { name: string; relationship: string }): string };
  forwarded: {
    title(id: string): string;
    subject(org: string, id: string): string;
    body(p: { activity: string; controller: string; article: string; date: string }): string;
    contact(p: { name: string; email: string }): string;
  };
  controllerForward: {
    title: string;
    subject(org: string, id: string): string;
    body(p: { org: string; activity: string; date: string; article: string }): string;
    labels: { request: string; right: string; received: string; channel: string; email: string; name: string; phone: string; customerId: string; details: string; fields: string; purposes: string; representative: string };
    told: string;
  };
  code: { subject(org: string): string; body(p: { org: string; right: RequestRight; id: string; code: string; minutes: number }): string };
}
