import type { BannerDecision } from "../../src/banner/types.ts";

/** A text/plain body needs no CORS preflight; sendBeacon survives the page being left right after the click. */
export function sendDecision(endpoint: string, decision: BannerDecision): void {
  const body = JSON.stringify(decision);
  try {
    if (navigator.sendBeacon && navigator.sendBeacon(endpoint, new Blob([body], { type: "text/plain" }))) return;
  } catch {
    // Some browsers throw for a cross-origin beacon they will not send: fall back to fetch.
  }
  fetch(endpoint, { method: "POST", body, headers: { "content-type": "text/plain" }, keepalive: true, credentials: "omit" }).catch(() => undefined);
}
