import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { RegistruError } from "../../errors.ts";
import { loadManifestFile, vocabulary, type Language } from "../../manifest/index.ts";
import { currentNoticeSource, noticeFormats, renderNotice, type NoticeFormat, type NoticeSource } from "../../notices/index.ts";
import { manifestHash } from "../../organisations/index.ts";
import type { Io } from "../io.ts";
import { withRuntime } from "../runtime.ts";

interface DocumentOptions {
  org?: string;
  lang?: string;
  format: string;
  out?: string;
  delimiter?: string;
}

/** Notices and records of processing, from a manifest file (a draft) or an organisation's policy in force. */
export function registerDocumentCommands(program: Command, io: Io) {
  program
    .command("notice")
    .description("generate the privacy notice (Art. 13/14) from a manifest file or an organisation's policy in force")
    .argument("[file]", "manifest file (a draft, not applied); or use --org")
    .option("--org <slug>", "organisation whose policy in force to use")
    .option("--lang <lang>", "ro | sr | sr-Cyrl | en (default: the organisation's first language)")
    .option("--format <format>", "html | md | pdf", "html")
    .option("--out <file>", "write to a file (required for pdf)")
    .action(async (file: string | undefined, opts: DocumentOptions) => {
      const format = oneOf(opts.format, noticeFormats, "--format");
      const source = await resolveSource(file, opts.org);
      const lang = language(opts.lang, source);
      const notice = await renderNotice(source, lang, format as NoticeFormat);
      await emit(io, notice.body, opts.out);
    });

  program
    .command("ropa")
    .description("generate the record of processing activities (GDPR Art. 30(1) and 30(2), ZZPL čl. 47)")
    .argument("[file]", "manifest file (a draft, not applied); or use --org")
    .option("--org <slug>", "organisation whose policy in force to use")
    .option("--lang <lang>", "ro | sr | sr-Cyrl | en (default: the organisation's first language)")
    .option("--format <format>", "csv | xlsx | pdf", "csv")
    .option("--delimiter <char>", "csv field separator, e.g. ';' for Excel with Romanian or Serbian settings (default: ',')")
    .option("--out <file>", "write to a file (required for xlsx and pdf)")
    .action(async (file: string | undefined, opts: DocumentOptions) => {
      const format = oneOf(opts.format, ["csv", "xlsx", "pdf"] as const, "--format");
      const delimiter = csvDelimiter(opts.delimiter, format);
      const source = await resolveSource(file, opts.org);
      // Loaded on demand: exceljs and pdfkit are heavy and every other command does without them.
      const { buildRopa, renderRopaCsv, renderRopaPdf, renderRopaXlsx } = await import("../../registers/index.ts");
      const ropa = buildRopa(source.manifest, source.version, language(opts.lang, source));
      const body = format === "csv" ? renderRopaCsv(ropa, { delimiter }) : format === "xlsx" ? await renderRopaXlsx(ropa) : await renderRopaPdf(ropa);
      await emit(io, body, opts.out);
    });
}

async function resolveSource(file: string | undefined, org: string | undefined): Promise<NoticeSource> {
  if (file && org) throw new RegistruError("invalid_arguments", "give a manifest file or --org, not both", 400);
  if (org) return withRuntime((rt) => currentNoticeSource(rt.ctx, org));
  if (!file) throw new RegistruError("invalid_arguments", "give a manifest file or --org <slug>", 400);
  const { manifest } = await loadManifestFile(file);
  // A file that was never applied has no version number: it is shown as version 0, a draft.
  return { manifest, version: { version: 0, appliedAt: new Date(), contentHash: manifestHash(manifest) } };
}

function language(lang: string | undefined, source: NoticeSource): Language {
  const chosen = lang ?? source.manifest.organisation.languages[0]!;
  return oneOf(chosen, vocabulary.languages, "--lang");
}

/** One character that cannot be part of a field's quoting: "," by default; "tab" or "\\t" for a tab. */
function csvDelimiter(value: string | undefined, format: string): string {
  if (value === undefined) return ",";
  if (format !== "csv") throw new RegistruError("invalid_arguments", "--delimiter applies to --format csv only", 400);
  const delimiter = value === "tab" || value === "\\t" ? "\t" : value;
  if ([...delimiter].length !== 1 || /["\r\n]/.test(delimiter)) {
    throw new RegistruError("invalid_arguments", "--delimiter must be one character such as , or ; (or tab)", 400);
  }
  return delimiter;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new RegistruError("invalid_arguments", `${option} must be one of ${allowed.join(", ")}`, 400);
}

async function emit(io: Io, body: string | Buffer, out: string | undefined) {
  if (out) {
    await writeFile(out, body);
    io.out(`written ${out} (${body.length} bytes)`);
    return;
  }
  if (typeof body !== "string") throw new RegistruError("invalid_arguments", "binary formats need --out <file>", 400);
  io.out(body.trimEnd());
}
