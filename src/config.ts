import { z } from "zod";
import { RegistruError } from "./errors.ts";

const env = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL").optional(),
  REGISTRU_DATA_DIR: z.string().min(1).default("./registru-data"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  REGISTRU_EXAMPLES: z.enum(["true", "false"]).default("true"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** The address subjects reach this server at (links in e-mails, the banner's endpoint); else taken from each request. */
  REGISTRU_PUBLIC_URL: z.url().optional(),
  /**
   * Behind a reverse proxy: which proxies to believe about the client's address (X-Forwarded-For),
   * so rate limits and the truncated IP in the ledger see the visitor, not the proxy.
   * `true`, a number of hops, or addresses/CIDRs separated by commas.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|\d+|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, "must be true, false, a number of hops or a list of addresses/CIDRs")
    .default("false")
    .transform((v): boolean | number | string => (v === "true" ? true : v === "false" ? false : /^\d+$/.test(v) ? Number(v) : v)),
  /** Outgoing mail (verification codes, letters to subjects): smtp://user:pass@host:587 or smtps://host:465. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL").optional(),
  /** The sender of Registru's e-mails, e.g. "Privacy <privacy@example.ro>". */
  MAIL_FROM: z.string().min(3).optional(),
  /** Access and portability packages, encrypted; shared by the workers that write them and the servers that serve their links. Default: <data dir>/packages. */
  REGISTRU_PACKAGES_DIR: z.string().min(1).optional(),
});

export type Config = z.infer<typeof env>;

/** Reads configuration from the environment; a bad value stops start-up with the variable's name. */
export function readConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (DATABASE_URL= npm start) means "not set", as in a shell.
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const parsed = env.safeParse(present);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new RegistruError("invalid_config", `${first.path.join(".")}: ${first.message}`, 400);
  }
  return parsed.data;
}
