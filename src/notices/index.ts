/** Privacy notices (GDPR Art. 13/14, ZZPL čl. 23/24) built from the manifest, and their renderers. */
export { buildNotice } from "./build.ts";
export type { BuiltNotice, PolicyVersion } from "./build.ts";
export type { ForeignText } from "./context.ts";
export { renderNoticeHtml, escapeHtml } from "./render-html.ts";
export { renderNoticeMarkdown, escapeMarkdown } from "./render-markdown.ts";
export { toCyrillic } from "./cyrillic.ts";
export { describeRetention, durationWords } from "./words.ts";
export { SECTION_IDS, catalogFor } from "./text/index.ts";
export type { SectionId } from "./text/index.ts";
export type { Notice, NoticeBlock, NoticeSection } from "./types.ts";
export { currentNoticeSource, noticeFormats, renderNotice } from "./publish.ts";
export type { NoticeFormat, NoticeSource, PublishedNotice } from "./publish.ts";
