import swagger from "@fastify/swagger";
import Fastify, { type FastifyBaseLogger, type FastifyReply, type FastifyServerOptions } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { Context } from "../context.ts";
import type { Mailer } from "../mail/index.ts";
import type { PackageStore } from "../packages/index.ts";
import type { Database } from "../store/index.ts";
import { installErrorHandling } from "./errors.ts";
import { assessmentRoutes } from "./routes/assessments.ts";
import { auditRoutes } from "./routes/audit.ts";
import { bannerRoutes } from "./routes/banner.ts";
import { breachRoutes } from "./routes/breaches.ts";
import { consentRoutes } from "./routes/consent.ts";
import { healthRoutes } from "./routes/health.ts";
import { lawRoutes } from "./routes/law.ts";
import { lintRoutes } from "./routes/lint.ts";
import { noticeRoutes } from "./routes/notices.ts";
import { organisationRoutes } from "./routes/organisations.ts";
import { requestRoutes } from "./routes/requests.ts";
import { executionRoutes } from "./routes/execution.ts";
import { packageRoutes } from "./routes/packages.ts";
import { privacyCentreRoutes } from "./routes/privacy-centre.ts";
import { retentionRoutes } from "./routes/retention.ts";
import { securityRoutes } from "./routes/security.ts";
import { sessionRoutes } from "./routes/session.ts";
import { staffRoutes } from "./routes/staff.ts";
import { vendorRoutes } from "./routes/vendors.ts";
import { preferenceRoutes } from "./routes/preferences.ts";
import { webhookRoutes } from "./routes/webhooks.ts";
import { unsubscribeRoutes } from "./routes/unsubscribe.ts";
import { connectorCallbackRoutes } from "./routes/connector-callbacks.ts";
import { adminAppRoutes } from "./routes/admin-app.ts";
import { adminConsentRoutes } from "./routes/admin-consent.ts";
import { adminDashboardRoutes } from "./routes/admin-dashboard.ts";
import { adminPolicyRoutes } from "./routes/admin-policy.ts";
import { adminExecutionRoutes } from "./routes/admin-execution.ts";

export interface ServerDeps {
  ctx: Context;
  database: Database;
  version: string;
  /** REGISTRU_PUBLIC_URL; when unset, links are built from the request (see public-url.ts). */
  publicUrl?: string;
  /** TRUST_PROXY: which proxies' X-Forwarded-For to believe. */
  trustProxy?: boolean | number | string;
  /** Outgoing e-mail (SMTP_URL); without it, request steps that e-mail the subject answer 503 mail_not_configured. */
  mailer?: Mailer;
  /** Hands a verified request to the executor's queue (src/execution); without it the worker's sweep finds it. */
  execution?: { enqueue(slug: string, id: string): Promise<void> };
  /** Where access and portability packages are kept (REGISTRU_PACKAGES_DIR); without it their links answer 404. */
  packages?: PackageStore;
  /** Where `${NAME}` in the systems' urls is looked up (the client export reads them); the process environment by default. */
  env?: Record<string, string | undefined>;
  /** Hands a retention run to the worker's queue; without it the run waits for the next `registru retention run`. */
  retention?: { enqueue(slug: string, runId: string): Promise<void> };
}

export async function buildServer(deps: ServerDeps) {
  const hops = deps.trustProxy;
  // A number of hops, as proxy-addr counts them: trust the nearest `hops` proxies.
  const trustProxy: FastifyServerOptions["trustProxy"] = typeof hops === "number" ? (_address: string, hop: number) => hop < hops : (hops ?? false);
  const app = Fastify({
    loggerInstance: deps.ctx.log as FastifyBaseLogger,
    bodyLimit: 1_048_576,
    trustProxy,
    // The router refuses some paths (a parameter over 100 characters, a broken %-escape) before
    // any error handler runs: they get the same error shape as everything else.
    frameworkErrors: (err, _req, reply) => {
      const code = err.code === "FST_ERR_MAX_PARAM_LENGTH" ? "path_too_long" : "bad_url";
      void (reply as FastifyReply).status(err.statusCode ?? 400).send({ error: { code, message: "the request's path cannot be read" } });
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Registru API", version: deps.version, description: "Self-hosted privacy operations: manifest, lint, law." },
      components: {
        securitySchemes: {
          apiKey: { type: "http", scheme: "bearer", description: "an organisation's API key, rk_<keyId>_<secret>" },
          session: { type: "apiKey", in: "cookie", name: "registru_session", description: "a staff session (POST /api/v1/session); changes also need the x-csrf-token header" },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(healthRoutes(deps));
  await app.register(lintRoutes(deps));
  await app.register(organisationRoutes(deps));
  await app.register(lawRoutes());
  await app.register(noticeRoutes(deps));
  await app.register(consentRoutes(deps));
  await app.register(requestRoutes(deps));
  await app.register(executionRoutes(deps));
  await app.register(packageRoutes(deps));
  await app.register(privacyCentreRoutes(deps));
  await app.register(retentionRoutes(deps));
  await app.register(breachRoutes(deps));
  await app.register(bannerRoutes(deps));
  await app.register(webhookRoutes(deps));
  await app.register(unsubscribeRoutes(deps));
  await app.register(connectorCallbackRoutes(deps));
  await app.register(preferenceRoutes(deps));
  await app.register(assessmentRoutes(deps));
  await app.register(vendorRoutes(deps));
  await app.register(securityRoutes(deps));
  await app.register(sessionRoutes(deps));
  await app.register(staffRoutes(deps));
  await app.register(adminAppRoutes(deps));
  await app.register(adminDashboardRoutes(deps));
  await app.register(adminConsentRoutes(deps));
  await app.register(adminPolicyRoutes(deps));
  await app.register(adminExecutionRoutes(deps));
  await app.register(auditRoutes(deps));
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  return app;
}
