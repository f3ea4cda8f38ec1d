import type { Language, Manifest } from "../../src/manifest/index.ts";
import { buildNotice, type BuiltNotice, type NoticeBlock, type SectionId } from "../../src/notices/index.ts";
import { loadExample, loadObject } from "../helpers/manifests.ts";

export const version = { version: 3, appliedAt: new Date("2026-11-23T10:00:00Z"), contentHash: "c220a1b2c3d4e5f60718293a4b5c6d7e8f9" };

const built = new Map<string, BuiltNotice>();

/** The notice of an example manifest; built once per example and language (tests only read it). */
export function noticeFor(example: string, lang: Language): BuiltNotice {
  const key = `${example}/${lang}`;
  if (!built.has(key)) built.set(key, buildNotice(loadExample(example).manifest, version, lang));
  return built.get(key)!;
}

export const noticeOf = (manifest: Record<string, unknown>, lang: Language = "en"): BuiltNotice =>
  buildNotice(loadObject(manifest).manifest, version, lang);

export const manifestOf = (example: string): Manifest => loadExample(example).manifest;

/** The languages a notice is published in: the organisation's, and Serbian also in Cyrillic. */
export const noticeLanguages = (example: string): Language[] =>
  manifestOf(example).organisation.languages.flatMap((l) => (l === "sr" ? (["sr", "sr-Cyrl"] as Language[]) : [l]));

export function blockText(b: NoticeBlock): string {
  switch (b.kind) {
    case "paragraph":
      return b.text;
    case "list":
      return b.items.join("\n");
    case "facts":
      return [b.title ?? "", ...b.items.map((i) => `${i.term}: ${i.value}`)].join("\n");
    case "table":
      return [b.caption, b.columns.join(" | "), ...b.rows.map((r) => r.join(" | "))].join("\n");
  }
}

/** All the text of one section, for plain `toContain` assertions. */
export function sectionText(notice: BuiltNotice, id: SectionId): string {
  const section = notice.sections.find((s) => s.id === id);
  if (!section) throw new Error(`no section ${id}`);
  return [section.heading, ...section.blocks.map(blockText)].join("\n");
}

/** The rows of the first table of a section, keyed by their first cell. */
export function tableRows(notice: BuiltNotice, id: SectionId, nth = 0): Map<string, string[]> {
  const tables = notice.sections.find((s) => s.id === id)!.blocks.filter((b) => b.kind === "table");
  const t = tables[nth];
  if (!t || t.kind !== "table") throw new Error(`no table ${nth} in ${id}`);
  return new Map(t.rows.map((r) => [r[0]!, r.slice(1)]));
}

/** The facts block titled `title` in a section, as a term → value map. */
export function factsOf(notice: BuiltNotice, id: SectionId, title?: string): Map<string, string> {
  const block = notice.sections.find((s) => s.id === id)!.blocks.find((b) => b.kind === "facts" && b.title === title);
  if (!block || block.kind !== "facts") throw new Error(`no facts "${title}" in ${id}`);
  return new Map(block.items.map((i) => [i.term, i.value]));
}

export const allText = (notice: BuiltNotice) =>
  [notice.title, notice.versionLine, ...notice.sections.map((s) => sectionText(notice, s.id as SectionId))].join("\n");

export const en = (example: string) => noticeFor(example, "en");

/** The facts of the activity whose title starts with `activity`, as term → value. */
export const activityFacts = (example: string, lang: Language, activity: string) => {
  const block = noticeFor(example, lang)
    .sections.find((s) => s.id === "activities")!
    .blocks.find((b) => b.kind === "facts" && b.title?.startsWith(activity));
  if (block?.kind !== "facts") throw new Error(`no activity ${activity}`);
  return new Map(block.items.map((i) => [i.term, i.value]));
};
