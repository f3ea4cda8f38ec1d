import swagger from "@fastify/swagger";
import Fastify, { type FastifyBaseLogger } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { Context } from "../context.ts";
import type { Database } from "../store/index.ts";
import { installErrorHandling } from "./errors.ts";
import { consentRoutes } from "./routes/consent.ts";
import { healthRoutes } from "./routes/health.ts";
import { lawRoutes } from "./routes/law.ts";
import { lintRoutes } from "./routes/lint.ts";
import { noticeRoutes } from "./routes/notices.ts";
import { organisationRoutes } from "./routes/organisations.ts";

export interface ServerDeps {
  ctx: Context;
  database: Database;
  version: string;
  /** REGISTRU_PUBLIC_URL; when unset, links are built from the request (see public-url.ts). */
  publicUrl?: string;
}

export async function buildServer(deps: ServerDeps) {
  const app = Fastify({
    loggerInstance: deps.ctx.log as FastifyBaseLogger,
    bodyLimit: 1_048_576,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Registru API", version: deps.version, description: "Self-hosted privacy operations: manifest, lint, law." },
      components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "an organisation's API key, rk_<keyId>_<secret>" } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(healthRoutes(deps));
  await app.register(lintRoutes(deps));
  await app.register(organisationRoutes(deps));
  await app.register(lawRoutes());
  await app.register(noticeRoutes(deps));
  await app.register(consentRoutes(deps));
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  return app;
}
