import type { Command } from "commander";
import type { SubjectIdentities } from "../connectors/index.ts";

const collect = (value: string, previous: string[] = []) => [...previous, value];

export interface IdentityOptions {
  email?: string[];
  phone?: string[];
  customerId?: string[];
  username?: string[];
  cnp?: string[];
  jmbg?: string[];
}

/** The options that name a subject, each repeatable: `--email`, `--phone`, `--customer-id`, `--username`, `--cnp`, `--jmbg`. */
export function withIdentityOptions(command: Command): Command {
  return command
    .option("--email <email>", "subject's e-mail address (repeatable)", collect)
    .option("--phone <phone>", "subject's phone number (repeatable)", collect)
    .option("--customer-id <id>", "subject's customer id (repeatable)", collect)
    .option("--username <name>", "subject's user name (repeatable)", collect)
    .option("--cnp <cnp>", "subject's Romanian personal numeric code (repeatable)", collect)
    .option("--jmbg <jmbg>", "subject's Serbian unique master citizen number (repeatable)", collect);
}

/** The identities given, keyed as the manifest names them; kinds not given are left out. */
export function identitiesOf(opts: IdentityOptions): SubjectIdentities {
  const all = { email: opts.email, phone: opts.phone, customer_id: opts.customerId, username: opts.username, cnp: opts.cnp, jmbg: opts.jmbg };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v && v.length > 0)) as SubjectIdentities;
}
