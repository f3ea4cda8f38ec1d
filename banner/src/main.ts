import type { BannerConfig } from "../../src/banner/types.ts";
import { start } from "./controller.ts";

/**
 * Called by banner.js with the organisation's configuration, in the script's own turn, so
 * `document.currentScript` is the banner's <script> (its data-lang chooses the language).
 * A page that includes the script twice gets one banner.
 */
export function init(config: BannerConfig): void {
  if ("registru" in window) return;
  start(config, document.currentScript);
}
