import cors from "@fastify/cors";
import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { changePreferences, DECISIONS, preferenceLink, preferenceView, type PreferenceView, type SubjectKey } from "../../consent/index.ts";
import type { Context } from "../../context.ts";
import { RegistruError } from "../../errors.ts";
import { limitPerAddress } from "./public-limits.ts";
import { vocabulary, type Manifest } from "../../manifest/index.ts";
import { getOrganisation, SLUG } from "../../organisations/index.ts";
import { actorOf, guardRoutes } from "../access.ts";
import { publicBaseUrl } from "../public-url.ts";
import type { ServerDeps } from "../server.ts";
import { preferencePageRoutes } from "./preferences-page.ts";
import { errorResponse } from "./schemas.ts";

const language = z.enum(vocabulary.languages);
const slugParams = z.object({ slug: z.string().regex(SLUG) });
const token = z.string().min(1).max(2000).describe("the signed link's token");
const consentId = z.string().trim().min(1).max(200).describe("the cookie banner's pseudonymous id (window.registru.consentId()); refused for a subject with a subjectRef");

const shownText = z.object({ text: z.string(), lang: language.optional().describe("set when the text is not in the asked language") });
const purpose = z.object({
  purpose: z.string(),
  kind: z.enum(["activity", "cookie"]),
  label: shownText,
  description: shownText,
  cookies: z.array(z.object({ name: z.string(), provider: z.string() })),
  decision: z.enum(DECISIONS).nullable(),
  decidedAt: z.string().nullable(),
  policyVersion: z.number().int().nullable(),
  reconsentRequired: z.boolean(),
});
const historyEntry = z.object({ purpose: z.string(), label: shownText, decision: z.enum(DECISIONS), method: z.string(), recordedAt: z.string(), policyVersion: z.number().int() });
const stateResponse = z.object({
  organisation: z.object({ slug: z.string(), name: z.string(), languages: z.array(language) }),
  language,
  policyVersion: z.number().int(),
  noticeUrl: z.string(),
  purposes: z.array(purpose),
  history: z.array(historyEntry),
});
const saveResponse = stateResponse.extend({ given: z.array(z.string()), withdrawn: z.array(z.string()) });

const stateQuery = z.object({ lang: language.optional(), token: token.optional(), consentId: consentId.optional() });
const decisionsBody = z.object({
  token: token.optional(),
  consentId: consentId.optional(),
  language,
  /** The version the page showed: a save after the policy changed is refused with 409, so the subject sees the new text first. */
  policyVersion: z.number().int().positive().optional(),
  choices: z.record(z.string().min(1).max(200), z.boolean()).refine((c) => Object.keys(c).length <= 100, "at most 100 purposes"),
});

const errors = { 400: errorResponse, 403: errorResponse, 404: errorResponse, 409: errorResponse, 429: errorResponse };

function subjectKey(given: { token?: string; consentId?: string }): SubjectKey {
  if (given.token !== undefined && given.consentId === undefined) return { token: given.token };
  if (given.consentId !== undefined && given.token === undefined) return { consentId: given.consentId };
  throw new RegistruError("invalid_request", "give either token (a signed link) or consentId (the cookie banner's id)", 400);
}

function toJson(view: PreferenceView, base: string) {
  const { languages } = view.organisation;
  const noticeLanguage = languages.includes(view.language) ? view.language : (languages[0] ?? "en");
  return {
    ...view,
    noticeUrl: `${base}/o/${encodeURIComponent(view.organisation.slug)}/privacy/${noticeLanguage}.html`,
    purposes: view.purposes.map((p) => ({ ...p, decidedAt: p.decidedAt?.toISOString() ?? null })),
    history: view.history.map((h) => ({ ...h, recordedAt: h.recordedAt.toISOString() })),
  };
}

const userAgent = (req: FastifyRequest) => (typeof req.headers["user-agent"] === "string" ? req.headers["user-agent"].slice(0, 512) : undefined);

/** The origins of the organisation's websites (`organisation.websites`), the only ones allowed to call from a browser. */
async function websiteOrigins(ctx: Context, slug: unknown): Promise<string[]> {
  if (typeof slug !== "string" || !SLUG.test(slug)) return [];
  try {
    const { version } = await getOrganisation(ctx, slug);
    return ((version?.manifest as Manifest | undefined)?.organisation.websites ?? []).map((w) => new URL(w).origin);
  } catch {
    return [];
  }
}

/** Requests per IP and minute; reading is cheap, a save writes to the ledger. */
export const PREFERENCE_RATE_LIMITS = { state: 60, decisions: 20 } as const;

/**
 * The subject's side, without an API key: read and change one's own decisions. Browsers may call
 * it from the organisation's websites (CORS) and from Registru's own page; each IP is rate
 * limited. Both plugins are scoped to this prefix: the banner's routes have their own.
 */
const publicPreferenceApi =
  ({ ctx, publicUrl }: ServerDeps): FastifyPluginAsync =>
  async (plain) => {
    await plain.register(cors, () => async (req: FastifyRequest) => {
      const origin = req.headers.origin;
      const allowed = typeof origin === "string" && (await websiteOrigins(ctx, (req.params as { slug?: unknown }).slug)).includes(origin);
      return { origin: allowed ? origin : false, methods: ["GET", "POST"], allowedHeaders: ["content-type"], maxAge: 600 };
    });
    await limitPerAddress(plain, { every: { max: PREFERENCE_RATE_LIMITS.state, timeWindow: 60_000 } });
    const app = plain.withTypeProvider<ZodTypeProvider>();

    app.get(
      "/state",
      {
        schema: {
          summary: "What a subject sees in the preference centre: each consent purpose with their decision, and their history",
          description: "Identify the subject with the token of a signed link, or with the cookie banner's consentId (only for a subject nobody has named). 403 invalid_token, 404 consent_not_found.",
          tags: ["preferences"],
          params: slugParams,
          querystring: stateQuery,
          response: { 200: stateResponse, ...errors },
        },
      },
      async (req, reply) => {
        const view = await preferenceView(ctx, req.params.slug, subjectKey(req.query), req.query.lang);
        return reply.header("cache-control", "no-store").send(toJson(view, publicBaseUrl(req, publicUrl)));
      },
    );

    app.post(
      "/decisions",
      {
        config: { rateLimit: { max: PREFERENCE_RATE_LIMITS.decisions, timeWindow: 60_000 } },
        schema: {
          summary: "Give consent for newly ticked purposes and withdraw it for unticked ones, in one transaction",
          description: "Records carry method preference_centre and the hash of the purpose texts shown in that language; purposes left out of choices are not changed.",
          tags: ["preferences"],
          params: slugParams,
          body: decisionsBody,
          response: { 200: saveResponse, ...errors },
        },
      },
      async (req, reply) => {
        const { language: lang, choices, policyVersion } = req.body;
        const result = await changePreferences(ctx, req.params.slug, subjectKey(req.body), { language: lang, choices, policyVersion, ip: req.ip, userAgent: userAgent(req) });
        return reply.header("cache-control", "no-store").send({ ...toJson(result.view, publicBaseUrl(req, publicUrl)), given: result.given, withdrawn: result.withdrawn });
      },
    );
  };

const consentParams = slugParams.extend({ consentId: z.string().trim().min(1).max(200) });

/** The organisation mints the link it sends a known person (e-mail, account page). */
const preferenceLinkRoute =
  ({ ctx, publicUrl }: ServerDeps): FastifyPluginAsync =>
  async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    guardRoutes(app, ctx, { permission: "read", write: "operate" });
    app.post(
      "/api/v1/organisations/:slug/consents/:consentId/preferences-link",
      {
        schema: {
          summary: "A signed link to the subject's preference centre (it does not expire)",
          tags: ["preferences"],
          security: [{ apiKey: [] }, { session: [] }] as Record<string, string[]>[],
          params: consentParams,
          body: z.object({ language: language.optional() }).nullish(),
          response: { 200: z.object({ url: z.string() }), 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse },
        },
      },
      async (req) => ({ url: await preferenceLink(ctx, req.params.slug, req.params.consentId, publicBaseUrl(req, publicUrl), req.body?.language) }),
    );
  };

/** The preference centre: its public API, the link an organisation mints, and the page with its script. */
export const preferenceRoutes =
  (deps: ServerDeps): FastifyPluginAsync =>
  async (app) => {
    await app.register(publicPreferenceApi(deps), { prefix: "/o/:slug/preferences" });
    await app.register(preferenceLinkRoute(deps));
    await app.register(preferencePageRoutes(deps));
  };
