import type { Command } from "commander";
import { consentHistory, exportConsentReceipt, unsubscribeLink, verifyConsentLedger } from "../../consent/index.ts";
import { readConfig } from "../../config.ts";
import { RegistruError } from "../../errors.ts";
import { ExitCode, type Io } from "../io.ts";
import { withRuntime } from "../runtime.ts";

/** The consent ledger: proof of consent (Art. 7(1)) and its integrity. */
export function registerConsentCommands(program: Command, io: Io) {
  const consent = program.command("consent").description("consent ledger");

  consent
    .command("verify")
    .description("recompute an organisation's consent ledger chain, check the current state against it, and report the first break")
    .argument("<org>", "organisation slug")
    .action(async (slug: string) => {
      const result = await withRuntime((rt) => verifyConsentLedger(rt.ctx, slug));
      if (result.ok) return io.out(`${slug}: consent ledger intact (${result.count} records)`);
      if ("brokenAt" in result) io.err(`${slug}: consent ledger broken at record ${result.brokenAt}`);
      else io.err(`${slug}: consent ledger intact (${result.count} records), but the current state of ${result.mismatches} subject-purposes does not match it (first at record ${result.firstSeq})`);
      io.exit(ExitCode.findings);
    });

  consent
    .command("history")
    .description("every recorded decision of one subject, oldest first")
    .argument("<org>", "organisation slug")
    .argument("<consent-id>", "the subject's pseudonymous consent id")
    .action(async (slug: string, consentId: string) => {
      const rows = await withRuntime((rt) => consentHistory(rt.ctx, slug, consentId));
      for (const r of rows) {
        const until = r.validUntil ? `\tuntil ${r.validUntil.toISOString()}` : "";
        io.out(`${r.seq}\t${r.recordedAt.toISOString()}\t${r.purpose}\t${r.decision}\t${r.method}\tv${r.policyVersion}${until}`);
      }
      if (rows.length === 0) io.err(`${slug}: no consent recorded for this subject`);
    });

  consent
    .command("receipt")
    .description("a subject's records as an ISO/IEC TS 27560-shaped JSON receipt")
    .argument("<org>", "organisation slug")
    .argument("<consent-id>", "the subject's pseudonymous consent id")
    .action(async (slug: string, consentId: string) => {
      io.out(JSON.stringify(await withRuntime((rt) => exportConsentReceipt(rt.ctx, slug, consentId)), null, 2));
    });

  consent
    .command("unsubscribe-link")
    .description("a signed one-click unsubscribe link for one subject and purpose, with the List-Unsubscribe headers (S4-11)")
    .argument("<org>", "organisation slug")
    .argument("<consent-id>", "the subject's consent id")
    .argument("<purpose>", "the consent-based purpose the link withdraws")
    .option("--base-url <url>", "the server's public address (default: REGISTRU_PUBLIC_URL)")
    .action(async (slug: string, consentId: string, purpose: string, opts: { baseUrl?: string }) => {
      const base = opts.baseUrl ?? readConfig().REGISTRU_PUBLIC_URL;
      if (!base) throw new RegistruError("public_url_required", "set REGISTRU_PUBLIC_URL or pass --base-url: the link must point at this server", 400);
      const link = await withRuntime((rt) => unsubscribeLink(rt.ctx, slug, consentId, purpose, base.replace(/\/+$/, "")));
      io.out(link.url);
      for (const [name, value] of Object.entries(link.headers)) io.out(`${name}: ${value}`);
    });
}
