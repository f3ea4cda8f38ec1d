import type { Command } from "commander";
import { RegistruError } from "../../errors.ts";
import { loadManifestFile } from "../../manifest/index.ts";
import { diffManifests, diffPolicyVersions, type PolicyChange, type PolicyDiff } from "../../organisations/index.ts";
import type { Io } from "../io.ts";
import { withRuntime } from "../runtime.ts";

interface DiffOptions {
  files?: boolean;
  format: string;
}

export function registerDiff(program: Command, io: Io) {
  program
    .command("diff")
    .description("what changed between two policy versions, and whether it needs re-consent or only a notice update")
    .argument("<org>", "organisation slug (with --files: the older manifest file)")
    .argument("<from>", "the older version, e.g. 1 or v1 (with --files: the newer manifest file)")
    .argument("[to]", "the newer version, e.g. 2 or v2")
    .option("--files", "compare two manifest files instead of stored versions; needs no database")
    .option("--format <format>", "text | json", "text")
    .action(async (org: string, from: string, to: string | undefined, opts: DiffOptions) => {
      const format = parseFormat(opts.format);
      const result = opts.files ? await diffFiles(org, from, to) : await diffVersions(org, from, to);
      if (format === "json") io.out(JSON.stringify(result, null, 2));
      else for (const line of formatDiff(result)) io.out(line);
    });
}

function parseFormat(format: string) {
  if (format !== "text" && format !== "json") throw new RegistruError("invalid_format", `unknown format "${format}": use text or json`, 400);
  return format;
}

/** Accepts `2` and `v2`, as versions are shown as v2 elsewhere. */
export function parseVersion(text: string): number {
  const m = /^v?([1-9]\d*)$/i.exec(text.trim());
  if (!m) throw new RegistruError("invalid_version", `"${text}" is not a policy version: give a number from 1, such as 2 or v2`, 400);
  return Number(m[1]);
}

async function diffVersions(slug: string, from: string, to: string | undefined) {
  if (to === undefined) throw new RegistruError("invalid_arguments", "give the organisation and two versions (registru diff <org> <from> <to>), or two files with --files", 400);
  const [a, b] = [parseVersion(from), parseVersion(to)];
  const diff = await withRuntime((rt) => diffPolicyVersions(rt.ctx, slug, a, b));
  return { organisation: slug, ...diff };
}

async function diffFiles(before: string, after: string, extra: string | undefined) {
  if (extra !== undefined) throw new RegistruError("invalid_arguments", "--files compares exactly two manifest files", 400);
  const [a, b] = [await loadManifestFile(before), await loadManifestFile(after)];
  return { from: before, to: after, ...diffManifests(a.manifest, b.manifest) };
}

const label = (c: PolicyChange) => (c.impact === "reconsent" ? "reconsent" : "notice update");

export function formatDiff(diff: PolicyDiff): string[] {
  return [...diff.changes.map((c) => `[${label(c)}] ${c.path}: ${c.description}`), verdict(diff)];
}

function verdict({ summary }: PolicyDiff) {
  if (summary.changes === 0) return "no changes";
  if (!summary.reconsent) return "notice update only";
  const cookies = summary.cookiesNeedingReconsent.map((c) => `cookie ${c}`);
  return `re-consent needed for: ${[...summary.activitiesNeedingReconsent, ...cookies].join(", ")}`;
}
