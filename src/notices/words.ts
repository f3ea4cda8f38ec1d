import { parseIsoDuration, type DurationUnit, type Period } from "../law/index.ts";
import type { Language, RetentionRule } from "../manifest/index.ts";
import { createTextContext, englishWords, humanise, local, type TextContext } from "./context.ts";
import { cyrillicTransliterator } from "./cyrillic.ts";
import type { AfterWords, KeepWord, NoticeText } from "./text/index.ts";

const UNIT_ORDER: DurationUnit[] = ["years", "months", "weeks", "days", "hours", "minutes", "seconds"];

/** "P1Y6M" → "one year and 6 months"; "P14M" → "14 luni"; "P3Y" → "3 godine". */
export function durationWords(t: NoticeText, iso: string): string {
  const parts = parseIsoDuration(iso);
  const words = UNIT_ORDER.filter((u) => (parts[u] ?? 0) > 0).map((u) => t.count(u, parts[u]!));
  return words.length ? words.join(t.durationJoin) : t.count("days", 0);
}

/** A legal period of the law module in words. */
export function periodWords(t: NoticeText, period: Period): string {
  if ("months" in period) return t.count("months", period.months);
  if ("days" in period) return t.count("days", period.days);
  if ("hours" in period) return t.count("hours", period.hours);
  return t.count("days", period.workingDays);
}

/** A promised answer time: "within 5 days", "without undue delay", "as soon as we receive your request". */
export function deadlineWords(t: NoticeText, value: string): string {
  if (value === "without_undue_delay") return t.rights.withoutUndueDelay;
  if (value === "on_receipt") return t.rights.onReceipt;
  return t.rights.within(durationWords(t, value));
}

/** `a`, `latest(a, b)` or `earliest(a, b)` as the ids of the events and how to combine them. */
export function parseAfter(expression: string): { mode: AfterWords["mode"]; events: string[] } {
  const call = /^(latest|earliest)\((.*)\)$/.exec(expression.trim());
  if (!call) return { mode: "one", events: [expression.trim()] };
  return { mode: call[1] as "latest" | "earliest", events: call[2]!.split(",").map((e) => e.trim()) };
}

function afterWords(ctx: TextContext, expression: string): AfterWords {
  const { mode, events } = parseAfter(expression);
  const words = events.map((id) => ctx.t.retention.events[id] ?? ctx.t.retention.unknownEvent(englishWords(ctx, humanise(id))));
  return mode === "one" ? { mode, events: [words[0]!] } : { mode, events: words };
}

function mainPeriod(ctx: TextContext, r: RetentionRule): string {
  const { t } = ctx;
  if (isKeepWord(r.keep)) {
    const basis = local(ctx, r.basis);
    if (r.keep === "statutory") return `${t.retention.keep.statutory} ${t.retention.basis(basis ?? t.retention.statutoryUnnamed)}`;
    return basis ? `${t.retention.keep[r.keep]} ${t.retention.basis(basis)}` : t.retention.keep[r.keep];
  }
  const duration = durationWords(t, r.keep);
  const period = r.after ? t.retention.period(duration, afterWords(ctx, r.after)) : t.retention.periodNoEvent(duration);
  const basis = local(ctx, r.basis);
  return basis ? `${period} ${t.retention.basis(basis)}` : period;
}

const isKeepWord = (keep: string): keep is KeepWord => !keep.startsWith("P");

/**
 * A retention rule in words, e.g. "3 years from the later of contract end and payment
 * settlement; for inactive accounts, 3 years from the last login; then deleted or anonymised".
 * Holds follow as sentences of their own. Art. 13(2)(a) / 14(2)(a) want the period itself.
 */
export function retentionWords(ctx: TextContext, r: RetentionRule): string {
  const { t } = ctx;
  const parts = [mainPeriod(ctx, r)];
  if (r.inactive) parts.push(t.retention.inactive(t.retention.period(durationWords(t, r.inactive.keep), afterWords(ctx, r.inactive.after))));
  parts.push(r.then ? t.retention.then[r.then] : t.retention.thenMissing);
  const holds = (r.holds ?? []).map((h) =>
    t.retention.hold(lowerFirst(local(ctx, h.reason) ?? ""), durationWords(t, h.keep), afterWords(ctx, h.after)),
  );
  return [`${upperFirst(parts.join("; "))}.`, ...holds.map((h) => `${h}.`)].join(" ");
}

/** The retention rule in words, for other documents (the Art. 30 record). */
export function describeRetention(r: RetentionRule, lang: Language): string {
  const ctx = createTextContext(lang);
  const text = retentionWords(ctx, r);
  return lang === "sr-Cyrl" ? cyrillicTransliterator(ctx.keep)(text) : text;
}

export const upperFirst = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
// A reason written as a heading ("Administrative or court proceedings…") reads inside a sentence in lower case.
const lowerFirst = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s.charAt(0).toLocaleLowerCase() + s.slice(1) : s);
