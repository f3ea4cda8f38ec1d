import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import type { Language, Manifest } from "../manifest/index.ts";
import { getOrganisation } from "../organisations/index.ts";
import { buildNotice } from "./build.ts";
import { renderNoticeHtml } from "./render-html.ts";
import { renderNoticeMarkdown } from "./render-markdown.ts";
import { registruVersion } from "../version.ts";

export const noticeFormats = ["html", "md", "pdf"] as const;
export type NoticeFormat = (typeof noticeFormats)[number];

export interface PublishedNotice {
  body: string | Buffer;
  contentType: string;
  /** Changes whenever the policy content, the Registru release (wording, layout), the language or the format changes. */
  etag: string;
}

const contentTypes: Record<NoticeFormat, string> = {
  html: "text/html; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  pdf: "application/pdf",
};

export interface NoticeSource {
  manifest: Manifest;
  version: { version: number; appliedAt: Date; contentHash: string };
}

/** Renders a notice in one language and format; the language must be one the organisation publishes in. */
export async function renderNotice(source: NoticeSource, lang: Language, format: NoticeFormat): Promise<PublishedNotice> {
  const languages: string[] = source.manifest.organisation.languages.flatMap((l) => (l === "sr" ? ["sr", "sr-Cyrl"] : [l]));
  if (!languages.includes(lang)) {
    throw new RegistruError("language_not_published", `the notice is published in ${languages.join(", ")}`, 404);
  }
  const notice = buildNotice(source.manifest, source.version, lang);
  const body = format === "html" ? renderNoticeHtml(notice) : format === "md" ? renderNoticeMarkdown(notice) : await renderPdf(notice);
  return { body, contentType: contentTypes[format], etag: noticeEtag(source.version.contentHash, lang, format) };
}

/** A strong ETag: a new Registru release may word or lay out the same policy differently, so it is part of the tag. */
export function noticeEtag(contentHash: string, lang: Language, format: NoticeFormat, version: string = registruVersion): string {
  return `"${contentHash.slice(0, 16)}-${version.replace(/[^\w.+-]/g, "_")}-${lang}-${format}"`;
}

/** The policy version in force for an organisation, as a notice source. */
export async function currentNoticeSource(ctx: Context, slug: string): Promise<NoticeSource> {
  const { version } = await getOrganisation(ctx, slug);
  if (!version) throw new RegistruError("policy_not_found", `organisation "${slug}" has no policy version yet`, 404);
  return {
    manifest: version.manifest as Manifest,
    version: { version: version.version, appliedAt: version.appliedAt, contentHash: version.contentHash },
  };
}

/** pdfkit and its fonts load only when a PDF is asked for, so `registru start` stays quick. */
async function renderPdf(notice: Parameters<typeof renderNoticeHtml>[0]): Promise<Buffer> {
  const { renderNoticePdf } = await import("./render-pdf.ts");
  return renderNoticePdf(notice);
}
