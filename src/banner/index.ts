/** The cookie banner: its configuration from the policy in force, the EDPB check, the browser script, decisions. */
export { bannerConfig, bannerOrigins, cookieRevision } from "./service.ts";
export { buildBannerConfig, bannerLanguages, bannerTextHash, CONSENT_MODE, DEFAULT_ASK_AGAIN_AFTER } from "./config.ts";
export { CONSENT_COOKIE } from "./categories.ts";
export { assertBannerAllowed, bannerFindings } from "./check.ts";
export { bannerBundle, bannerScript } from "./bundle.ts";
export { BANNER_METHODS, bannerDecision, recordBannerDecision, type BannerDecisionInput, type DecisionRequest } from "./events.ts";
export { gpcSupport, GPC_SUPPORT_SINCE } from "./gpc.ts";
export type { BannerCategory, BannerConfig, BannerDecision, BannerLanguage, BannerTexts } from "./types.ts";
