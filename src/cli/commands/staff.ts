import type { Command } from "commander";
import { addStaff, changeRole, CLI_ACTOR, grantStaff, listAllStaff, listStaff, resetPassword, resetTotp, revokeGrant, ROLES, unlockUser } from "../../staff/index.ts";
import type { Io } from "../io.ts";
import { withRuntime } from "../runtime.ts";

const roleHelp = `role: ${ROLES.join(" | ")}`;
const flags = (m: { installationAdmin: boolean; totpEnabled: boolean; mustChangePassword: boolean; lockedUntil: Date | null; disabled: boolean }) =>
  [m.installationAdmin && "installation-admin", m.totpEnabled && "totp", m.mustChangePassword && "must-change-password", m.lockedUntil && `locked-until=${m.lockedUntil.toISOString()}`, m.disabled && "disabled"]
    .filter(Boolean)
    .join(",") || "-";

/**
 * Staff accounts from the command line, as the installation's operator: a new account's or a
 * reset's one-time password goes to stdout once, the note about it to stderr.
 */
export function registerStaffCommands(program: Command, io: Io) {
  const staff = program.command("staff").description("staff accounts: who may log in, for which organisations, as what");

  staff
    .command("add")
    .description("create a staff account with a one-time password (shown only now)")
    .argument("<email>", "the user's e-mail address (the login name)")
    .requiredOption("--name <name>", "the user's name")
    .option("--org <slug>", "organisation to grant the user on")
    .option("--role <role>", roleHelp)
    .option("--installation-admin", "may create users and grant them on any organisation", false)
    .action(async (email: string, opts: { name: string; org?: string; role?: string; installationAdmin: boolean }) => {
      const added = await withRuntime((rt) => addStaff(rt.ctx, { email, name: opts.name, slug: opts.org, role: opts.role, installationAdmin: opts.installationAdmin }, CLI_ACTOR, { existing: "refuse" }));
      io.out(added.temporaryPassword!);
      const where = opts.org ? ` as ${opts.role} of ${opts.org}` : "";
      io.err(`staff user ${added.member.email} created${where}${opts.installationAdmin ? " (installation admin)" : ""}; the one-time password above is not shown again and must be changed at first login`);
    });

  staff
    .command("grant")
    .description("grant an existing staff account on an organisation, or change its role there")
    .argument("<email>", "the user's e-mail address")
    .requiredOption("--org <slug>", "organisation slug")
    .requiredOption("--role <role>", roleHelp)
    .action(async (email: string, opts: { org: string; role: string }) => {
      const changed = await withRuntime(async (rt) => {
        const granted = (await listStaff(rt.ctx, opts.org)).find((m) => m.email === email.trim().toLowerCase());
        if (!granted) return grantStaff(rt.ctx, opts.org, email, opts.role, CLI_ACTOR).then(() => "granted");
        await changeRole(rt.ctx, opts.org, { email }, opts.role, CLI_ACTOR);
        return `role changed from ${granted.role}`;
      });
      io.out(`${opts.org}: ${email} ${changed}, now ${opts.role}`);
    });

  staff
    .command("revoke")
    .description("end a user's work for an organisation (the account and other grants stay)")
    .argument("<email>", "the user's e-mail address")
    .requiredOption("--org <slug>", "organisation slug")
    .action(async (email: string, opts: { org: string }) => {
      await withRuntime((rt) => revokeGrant(rt.ctx, opts.org, { email }, CLI_ACTOR));
      io.out(`${opts.org}: ${email} revoked`);
    });

  staff
    .command("list")
    .description("list staff accounts, of one organisation or of the whole installation")
    .option("--org <slug>", "organisation slug")
    .action(async (opts: { org?: string }) => {
      await withRuntime(async (rt) => {
        if (opts.org) {
          for (const m of await listStaff(rt.ctx, opts.org)) io.out(`${m.email}\t${m.role}\t${flags(m)}\t${m.name}`);
          return;
        }
        for (const m of await listAllStaff(rt.ctx)) {
          const grants = m.grants.map((g) => `${g.slug}:${g.role}`).join(",") || "-";
          io.out(`${m.email}\t${grants}\t${flags(m)}\t${m.name}`);
        }
      });
    });

  staff
    .command("reset-password")
    .description("give the user a new one-time password (shown only now); their sessions end")
    .argument("<email>", "the user's e-mail address")
    .action(async (email: string) => {
      const reset = await withRuntime((rt) => resetPassword(rt.ctx, { email }, CLI_ACTOR));
      io.out(reset.temporaryPassword);
      io.err(`${email}: password reset; the one-time password above is not shown again and must be changed at first login`);
    });

  staff
    .command("reset-totp")
    .description("remove the user's second factor (a lost phone); they set it up again at next login")
    .argument("<email>", "the user's e-mail address")
    .action(async (email: string) => {
      await withRuntime((rt) => resetTotp(rt.ctx, { email }, CLI_ACTOR));
      io.out(`${email}: two-factor authentication reset`);
    });

  staff
    .command("unlock")
    .description("lift a lockout after too many failed logins")
    .argument("<email>", "the user's e-mail address")
    .action(async (email: string) => {
      await withRuntime((rt) => unlockUser(rt.ctx, { email }, CLI_ACTOR));
      io.out(`${email}: unlocked`);
    });
}
