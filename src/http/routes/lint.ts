import type { FastifyPluginAsync } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { lintManifest } from "../../lint/index.ts";
import { parseManifest } from "../../manifest/index.ts";
import type { ServerDeps } from "../server.ts";
import { limitPerAddress, perAddress, PUBLIC_ROUTE_LIMITS } from "./public-limits.ts";
import { errorResponse, lintReport } from "./schemas.ts";

const yamlTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/plain"];

export const lintRoutes =
  ({ ctx }: ServerDeps): FastifyPluginAsync =>
  async (app) => {
    await limitPerAddress(app);
    app.addContentTypeParser(yamlTypes, { parseAs: "string" }, (_req, body, done) => done(null, body));
    app.withTypeProvider<ZodTypeProvider>().post(
      "/api/v1/lint",
      {
        config: perAddress(PUBLIC_ROUTE_LIMITS.lint),
        schema: {
          summary: "Lint a manifest against the GDPR, the ZZPL and national law",
          description: "Send the YAML manifest as the body (Content-Type: application/yaml). Nothing is stored.",
          tags: ["manifest"],
          body: z.string().min(1),
          response: { 200: lintReport, 400: errorResponse, 413: errorResponse, 415: errorResponse, 422: errorResponse, 429: errorResponse },
        },
      },
      async (req) => lintManifest(parseManifest(req.body, "registru.yaml"), ctx.clock),
    );
  };
