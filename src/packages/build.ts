import { systemJson, tableCsv, zip, type PackageFile } from "./files.ts";
import { packageSummary, type SummaryInput } from "./summary.ts";

/**
 * An access or portability package (Art. 15(3), Art. 20): the readable summary, one JSON per
 * system and one CSV per table, zipped. The archive's dates are the request's receipt, so the
 * same data gives the same bytes.
 */
export async function buildPackage(input: SummaryInput): Promise<Buffer> {
  return zip(packageFiles(input), new Date(input.receivedAt));
}

export function packageFiles(input: SummaryInput): PackageFile[] {
  const systems = [...new Set(input.tables.map((t) => t.system))];
  return [
    { path: "summary.html", content: Buffer.from(packageSummary(input)) },
    ...systems.map((s) => systemJson(s, input.tables.filter((t) => t.system === s))),
    ...input.tables.map(tableCsv),
  ];
}
