import { uiText } from "./text/index.ts";
import type { Notice, NoticeBlock, NoticeSection } from "./types.ts";

/** Inline text: Markdown and HTML syntax from data is shown literally, never interpreted; "|" is escaped for table cells. */
export const escapeMarkdown = (s: string): string => s.replace(/\s*\n\s*/g, " ").replace(/[\\`*_[\]<>|~]/g, "\\$&");

/** Text that starts a line: a leading "#", "-", "+", "=", ">" or "1." would otherwise start a block. */
const escapeLine = (s: string): string => escapeMarkdown(s).replace(/^([#+\-=>]|\d+[.)])/, "\\$1");

/** The notice as GitHub-flavoured Markdown: headings with stable anchors, facts as lists, GFM tables. */
export function renderNoticeMarkdown(notice: Notice): string {
  const ui = uiText(notice.lang);
  const toc = notice.sections.map((s, i) => `${i + 1}. [${escapeMarkdown(s.heading)}](#${s.id})`);
  const parts = [
    `# ${escapeMarkdown(notice.title)}`,
    `**${escapeMarkdown(notice.organisation)}**`,
    `_${escapeMarkdown(notice.versionLine)}_`,
    `**${escapeMarkdown(ui.contents)}**`,
    toc.join("\n"),
    ...notice.sections.map(sectionMarkdown),
  ];
  return `${parts.join("\n\n")}\n`;
}

function sectionMarkdown(s: NoticeSection): string {
  // An explicit anchor: GitHub derives heading ids from the (translated) text, which is not stable.
  return [`<a id="${s.id}"></a>\n\n## ${escapeMarkdown(s.heading)}`, ...s.blocks.map(blockMarkdown).filter((b) => b !== "")].join("\n\n");
}

/** One block; "" for a block with nothing in it (no empty list or header-only table). */
function blockMarkdown(b: NoticeBlock): string {
  switch (b.kind) {
    case "paragraph":
      return b.text.trim() === "" ? "" : escapeLine(b.text);
    case "list":
      if (!b.items.length) return "";
      return b.items.map((i) => `- ${escapeMarkdown(i)}`).join("\n");
    case "facts": {
      if (!b.items.length) return "";
      const items = b.items.map((i) => `- **${escapeMarkdown(i.term)}:** ${escapeMarkdown(i.value)}`).join("\n");
      return b.title === undefined ? items : `### ${escapeMarkdown(b.title)}\n\n${items}`;
    }
    case "table": {
      if (!b.rows.length || !b.columns.length) return "";
      const row = (cells: string[]) => `| ${cells.map(escapeMarkdown).join(" | ")} |`;
      return [`**${escapeMarkdown(b.caption)}**`, "", row(b.columns), `|${b.columns.map(() => " --- ").join("|")}|`, ...b.rows.map(row)].join("\n");
    }
  }
}
