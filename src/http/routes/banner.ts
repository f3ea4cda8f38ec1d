import { createHash } from "node:crypto";
import cors from "@fastify/cors";
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { bannerConfig, bannerDecision, bannerOrigins, bannerScript, gpcSupport, recordBannerDecision } from "../../banner/index.ts";
import { RegistruError } from "../../errors.ts";
import { limitPerAddress } from "./public-limits.ts";
import { getOrganisation, SLUG } from "../../organisations/index.ts";
import { publicBaseUrl } from "../public-url.ts";
import type { ServerDeps } from "../server.ts";
import { errorResponse } from "./schemas.ts";

const params = z.object({ slug: z.string().regex(SLUG) });
const errors = { 400: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse, 429: errorResponse };
const gpcJson = z.object({ gpc: z.literal(true), lastUpdate: z.string() });

/** Decisions per address and minute: far above what a person clicks, low enough to keep the ledger clean. */
export const DECISIONS_PER_MINUTE = 60;

type Routes = (app: FastifyInstance) => Promise<void>;

/** This server's origin as the browser sees it; a Host header that is no host has none. */
function ownOrigin(req: FastifyRequest, publicUrl: string | undefined): string | undefined {
  try {
    return new URL(publicBaseUrl(req, publicUrl)).origin;
  } catch {
    return undefined;
  }
}

/**
 * The organisation's own websites and this server's origin may call these endpoints from a
 * browser. Each public endpoint gets its own CORS scope under its own path, so its preflight
 * route cannot collide with another plugin's.
 */
function publicEndpoint({ ctx, publicUrl }: ServerDeps, routes: Routes): FastifyPluginAsync {
  return async (app) => {
    const allowed = async (req: FastifyRequest): Promise<boolean> => {
      const origin = req.headers.origin;
      if (!origin) return false;
      if (origin === ownOrigin(req, publicUrl)) return true;
      const slug = (req.params as { slug?: string }).slug ?? "";
      return (await bannerOrigins(ctx, slug).catch((): string[] => [])).includes(origin);
    };
    app.decorateRequest("originAllowed", false);
    await app.register(cors, {
      delegator: async (req: FastifyRequest) => {
        req.originAllowed = await allowed(req);
        return { origin: req.originAllowed, methods: ["GET", "POST"], maxAge: 600 };
      },
    });
    await routes(app);
  };
}

declare module "fastify" {
  interface FastifyRequest {
    originAllowed: boolean;
  }
}

/** The cookie banner: its script and configuration, the decision beacon, and the GPC support resource. Public, no API key. */
export const bannerRoutes =
  (deps: ServerDeps): FastifyPluginAsync =>
  async (plain) => {
    const { ctx } = deps;
    const baseUrl = (req: FastifyRequest) => publicBaseUrl(req, deps.publicUrl);
    const app = plain.withTypeProvider<ZodTypeProvider>();

    app.get(
      "/o/:slug/banner.js",
      {
        schema: {
          summary: "The cookie banner script, with the organisation's configuration inlined",
          description: 'Embed with <script async src="…/o/{slug}/banner.js"></script>. 409 banner_refused when the policy in force breaks the EDPB Cookie Banner Taskforce list.',
          tags: ["banner"],
          // No response schema: the body is JavaScript; errors use the shared shape.
          params,
        },
      },
      async (req, reply) => {
        const body = await bannerScript(await bannerConfig(ctx, req.params.slug, baseUrl(req)));
        const etag = `"${createHash("sha256").update(body).digest("hex").slice(0, 32)}"`;
        reply.header("etag", etag).header("cache-control", "public, max-age=300");
        if (req.headers["if-none-match"] === etag) return reply.status(304).send();
        return reply.type("text/javascript; charset=utf-8").send(body);
      },
    );

    app.get(
      "/.well-known/gpc.json",
      { schema: { summary: "Global Privacy Control support of this server's banner", tags: ["banner"], response: { 200: gpcJson } } },
      async (_req, reply) => reply.header("cache-control", "public, max-age=86400").send(gpcSupport()),
    );

    await app.register(
      publicEndpoint(deps, async (scoped) => {
        scoped.withTypeProvider<ZodTypeProvider>().get(
          "",
          { schema: { summary: "The cookie banner's configuration (texts, categories, services, text hashes)", tags: ["banner"], params } },
          async (req, reply) => reply.header("cache-control", "public, max-age=300").send(await bannerConfig(ctx, req.params.slug, baseUrl(req))),
        );
      }),
      { prefix: "/o/:slug/banner.json" },
    );

    await app.register(
      publicEndpoint(deps, async (scoped) => {
        scoped.withTypeProvider<ZodTypeProvider>().get(
          "",
          {
            schema: {
              summary: "Global Privacy Control support of the organisation's banner, to serve at its own /.well-known/gpc.json",
              tags: ["banner"],
              params,
              response: { 200: gpcJson, 404: errorResponse },
            },
          },
          async (req, reply) => {
            const { version } = await getOrganisation(ctx, req.params.slug);
            return reply.header("cache-control", "public, max-age=86400").send(gpcSupport(version?.appliedAt));
          },
        );
      }),
      { prefix: "/o/:slug/.well-known/gpc.json" },
    );

    await app.register(
      publicEndpoint(deps, async (scoped) => {
        // The beacon sends text/plain (no preflight); its body is the same JSON.
        scoped.removeContentTypeParser("text/plain");
        scoped.addContentTypeParser("text/plain", { parseAs: "string" }, (_req, body, done) => {
          try {
            done(null, JSON.parse(body as string));
          } catch {
            done(new RegistruError("invalid_request", "the body is not JSON", 400));
          }
        });
        await limitPerAddress(scoped, { what: "consent decisions" });
        scoped.withTypeProvider<ZodTypeProvider>().post(
          "",
          {
            bodyLimit: 16_384,
            config: { rateLimit: { max: DECISIONS_PER_MINUTE, timeWindow: "1 minute" } },
            schema: {
              summary: "Record a decision made in the cookie banner (its beacon); 204",
              description:
                "Body as text/plain or application/json. Method gpc is recorded only with the browser's Sec-GPC: 1 header. " +
                "Each category: given, or withdrawn when it was given, else refused.",
              tags: ["banner"],
              params,
              body: bannerDecision,
              response: { 204: z.null().describe("recorded"), ...errors },
            },
          },
          async (req, reply) => {
            if (req.headers.origin && !req.originAllowed) {
              throw new RegistruError("origin_not_allowed", "decisions are accepted from the organisation's websites only (organisation.websites)", 403);
            }
            const ua = req.headers["user-agent"];
            await recordBannerDecision(ctx, req.params.slug, req.body, {
              gpcSignal: req.headers["sec-gpc"] === "1",
              ip: req.ip,
              userAgent: typeof ua === "string" ? ua.slice(0, 512) : undefined,
            });
            return reply.status(204).send(null);
          },
        );
      }),
      { prefix: "/o/:slug/consent-events" },
    );
  };
