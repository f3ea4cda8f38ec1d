import { join } from "node:path";
import type { Command } from "commander";
import { consentExpiryJob } from "../../consent/index.ts";
import { buildServer } from "../../http/server.ts";
import { startQueue } from "../../jobs/queue.ts";
import { readConfig } from "../../config.ts";
import { RegistruError } from "../../errors.ts";
import { createLogger } from "../../logger.ts";
import { mailerFromConfig } from "../../mail/index.ts";
import { createExecutor, executionLock, holdAfterSystemsFromEnv, SWEEP_JOB } from "../../execution/index.ts";
import { hasOrganisations, lintRefreshJob, loadExampleOrganisations } from "../../organisations/index.ts";
import { retentionDailyJob, retentionRunJob } from "../../retention/index.ts";
import { createFirstAdmin, firstAdminNotice } from "../../staff/index.ts";
import { registruVersion } from "../../version.ts";
import { vendorAlertsJob } from "../../vendors/index.ts";
import { startWebhookDispatcher, webhookPruneJob } from "../../webhooks/index.ts";
import { openRuntime } from "../runtime.ts";

const roles = ["all", "api", "worker"] as const;
type Role = (typeof roles)[number];

export const jobs = [lintRefreshJob, consentExpiryJob, webhookPruneJob, vendorAlertsJob, retentionDailyJob, retentionRunJob];

export function registerStart(program: Command) {
  program
    .command("start")
    .description("serve the API and run the workers (one process by default)")
    .option("--role <role>", "all | api | worker (api and worker need DATABASE_URL)", "all")
    .option("--port <port>", "HTTP port (default: $PORT or 3000)")
    .option("--host <host>", "address to listen on (default: $HOST or 127.0.0.1)")
    .option("--data-dir <dir>", "PGlite data directory (default: $REGISTRU_DATA_DIR or ./registru-data)")
    .option("--no-examples", "do not load the example organisations into an empty database")
    .action(async (opts: { role: string; port?: string; host?: string; dataDir?: string; examples: boolean }) => {
      await start(opts);
    });
}

async function start(opts: { role: string; port?: string; host?: string; dataDir?: string; examples: boolean }) {
  const config = readConfig({ ...process.env, ...(opts.port && { PORT: opts.port }), ...(opts.host && { HOST: opts.host }) });
  const role = parseRole(opts.role);
  if (role !== "all" && !config.DATABASE_URL) {
    throw new RegistruError("role_needs_postgres", `--role ${role} splits Registru over several processes; set DATABASE_URL to a PostgreSQL server`, 400);
  }
  const log = createLogger(config.LOG_LEVEL);
  const rt = await openRuntime({ log, dataDir: opts.dataDir });
  if (role !== "worker" && opts.examples && config.REGISTRU_EXAMPLES === "true" && !(await hasOrganisations(rt.ctx))) {
    const loaded = await loadExampleOrganisations(rt.ctx);
    log.info({ organisations: loaded.map((o) => o.slug) }, "example organisations loaded");
    const admin = await createFirstAdmin(rt.ctx, loaded.map((o) => o.slug));
    if (admin) process.stderr.write(firstAdminNotice(admin));
  }
  const mailer = mailerFromConfig(config, log);
  if (!mailer) log.info("SMTP_URL is not set: data-subject requests are received but no code or letter can be e-mailed");
  // Package links point at REGISTRU_PUBLIC_URL; without it, at this process's own address once it listens.
  const packages = { dir: config.REGISTRU_PACKAGES_DIR ?? join(opts.dataDir ?? config.REGISTRU_DATA_DIR, "packages"), publicUrl: config.REGISTRU_PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}` };
  const executor = createExecutor(rt.ctx, { mailer, packages, lock: executionLock(rt.database.kind), afterSystem: holdAfterSystemsFromEnv(process.env) });
  const queue = await startQueue(rt.database, rt.ctx, [...jobs, ...executor.jobs], { work: role !== "api" });
  executor.bind(queue);
  // Requests left in progress by a worker that stopped are resumed now, not at the next minute.
  if (role !== "api") await queue.send(SWEEP_JOB);
  // Webhooks poll their outbox every second, faster than a queue cron can tick (see src/webhooks/dispatcher.ts).
  const dispatcher = role === "api" ? undefined : startWebhookDispatcher(rt.ctx);
  const app = role === "worker" ? undefined : await buildServer({ ctx: rt.ctx, database: rt.database, version: registruVersion, publicUrl: config.REGISTRU_PUBLIC_URL, trustProxy: config.TRUST_PROXY, mailer, execution: executor, packages, retention: { enqueue: async (slug, runId) => void (await queue.send(retentionRunJob.name, { slug, runId })) } });
  if (app) {
    const address = await app.listen({ port: config.PORT, host: config.HOST });
    if (!config.REGISTRU_PUBLIC_URL) packages.publicUrl = address;
    process.stdout.write(`Registru ${registruVersion} is running at ${address} (role ${role}, database ${rt.database.kind})\n`);
  } else {
    process.stdout.write(`Registru ${registruVersion} worker is running (database ${rt.database.kind})\n`);
  }
  const shutdown = async (signal: string) => {
    log.info({ signal }, "shutting down");
    await app?.close();
    mailer?.close();
    await dispatcher?.stop();
    await queue.stop();
    await rt.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

function parseRole(role: string): Role {
  if ((roles as readonly string[]).includes(role)) return role as Role;
  throw new RegistruError("invalid_role", `--role must be one of ${roles.join(", ")}`, 400);
}
