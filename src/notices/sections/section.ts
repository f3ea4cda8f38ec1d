import type { NoticeContext } from "../context.ts";
import type { SectionId } from "../text/index.ts";
import type { NoticeBlock, NoticeSection } from "../types.ts";

export type Fact = { term: string; value: string };

/** A section; a facts block left with no items (nothing stated) is not emitted at all. */
export const section = (ctx: NoticeContext, id: SectionId, blocks: NoticeBlock[]): NoticeSection => ({
  id,
  heading: ctx.t.headings[id],
  blocks: blocks.filter((b) => b.kind !== "facts" || b.items.length > 0),
});

export const paragraph = (text: string): NoticeBlock => ({ kind: "paragraph", text });

/** Facts whose value is missing are left out: the caller says what is missing in words. */
export function facts(items: Array<[term: string, value: string | undefined]>, title?: string): NoticeBlock {
  const present = items.filter((i): i is [string, string] => i[1] !== undefined && i[1] !== "");
  return { kind: "facts", ...(title !== undefined && { title }), items: present.map(([term, value]) => ({ term, value })) };
}

export const table = (caption: string, columns: readonly string[], rows: string[][]): NoticeBlock => ({
  kind: "table",
  caption,
  columns: [...columns],
  rows,
});
