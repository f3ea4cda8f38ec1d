import type { Command } from "commander";
import { breachNotificationDeadline, deadline, lawFor, responseDeadline, taxonomy, type Deadline } from "../../law/index.ts";
import { RegistruError } from "../../errors.ts";
import type { Io } from "../io.ts";

export function registerLawCommands(program: Command, io: Io) {
  program
    .command("deadline")
    .description("compute a legal deadline with the jurisdiction's calendar")
    .requiredOption("--from <instant>", "when the request arrived or the breach became known (ISO 8601)")
    .option("--jurisdiction <code>", "RO, RS or another EU/EEA country", "RO")
    .option("--kind <kind>", "response | response_extended | breach | working_days", "response")
    .option("--days <n>", "for working_days: how many; for response: the organisation's promise in days")
    .action((opts: { from: string; jurisdiction: string; kind: string; days?: string }) => {
      const from = new Date(opts.from);
      if (Number.isNaN(from.getTime())) throw new RegistruError("invalid_instant", `--from: "${opts.from}" is not an ISO 8601 date-time`, 400);
      const days = opts.days === undefined ? undefined : Number.parseInt(opts.days, 10);
      const d = compute(from, opts.jurisdiction.toUpperCase(), opts.kind, days);
      io.out(`due ${d.due.toISOString()}${d.dueDate ? ` (end of ${d.dueDate}, ${d.timeZone})` : ""}`);
      if (d.movedFrom) io.out(`moved from ${d.movedFrom}: weekend or public holiday`);
      io.out(`rule: ${d.rule}`);
    });

  program
    .command("taxonomy")
    .description("list the data categories a manifest may use")
    .action(() => {
      for (const c of taxonomy.values()) {
        const flags = [c.special && "Art. 9", c.criminal && "Art. 10", c.nationalIdentifier && "national id"].filter(Boolean).join(", ");
        io.out(`${c.id.padEnd(32)} ${c.label.en}${flags ? `  [${flags}]` : ""}`);
      }
    });

  program
    .command("law")
    .description("show what Registru knows of a jurisdiction")
    .argument("<code>", "RO, RS or another EU/EEA country")
    .action((code: string) => {
      const j = lawFor(code.toUpperCase());
      io.out(`${j.code} (${j.regime}), ${j.law.shortName}; time zone ${j.timeZone}; digital consent at ${j.digitalConsentAge}`);
      if (j.authority) io.out(`authority: ${j.authority.name.en}, ${j.authority.address}, ${j.authority.website}`);
      for (const [right, articles] of Object.entries(j.articles)) io.out(`  ${right.padEnd(20)} ${articles.join(", ")}`);
    });
}

function compute(from: Date, code: string, kind: string, days: number | undefined): Deadline {
  switch (kind) {
    case "breach":
      return breachNotificationDeadline(from, code);
    case "working_days":
      return deadline(from, { workingDays: days ?? 10 }, code);
    case "response":
    case "response_extended":
      return responseDeadline(from, code, { extended: kind === "response_extended", promiseDays: days }).deadline;
    default:
      throw new RegistruError("invalid_kind", "--kind must be response, response_extended, breach or working_days", 400);
  }
}
