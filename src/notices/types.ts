import type { Language } from "../manifest/index.ts";

/**
 * A privacy notice as structured, already-translated content: the renderers (HTML, Markdown,
 * PDF) only lay it out, so the three formats can never say different things.
 */
export interface Notice {
  lang: Language;
  /** e.g. "Notă de informare privind prelucrarea datelor cu caracter personal" */
  title: string;
  organisation: string;
  /** "Versiunea politicii 3, aplicată la 2026-11-23 (sha256 c220a1…)" */
  versionLine: string;
  sections: NoticeSection[];
}

export interface NoticeSection {
  /** Stable id for anchors and tests: "controller", "dpo", "activities", "rights", "complaint", "cookies", ... */
  id: string;
  heading: string;
  blocks: NoticeBlock[];
}

export type NoticeBlock =
  | { kind: "paragraph"; text: string }
  | { kind: "list"; items: string[] }
  /** A term/description list, e.g. "Legal basis" → "Contract (GDPR Art. 6(1)(b))". */
  | { kind: "facts"; title?: string; items: Array<{ term: string; value: string }> }
  | { kind: "table"; caption: string; columns: string[]; rows: string[][] };
