import type { ConsentModeMap } from "../../src/banner/types.ts";

/**
 * Google Consent Mode v2: every signal denied by default (waiting briefly for a stored decision),
 * then updated from the categories granted. gtag() must push the arguments object itself.
 */
export function consentMode(map: ConsentModeMap): (granted: string[]) => void {
  const w = window as unknown as { dataLayer?: unknown[] };
  const dataLayer = (w.dataLayer = w.dataLayer || []);
  function gtag(..._args: unknown[]) {
    dataLayer.push(arguments);
  }
  const signals = (granted: string[]) => {
    const out: Record<string, "granted" | "denied"> = {};
    for (const category of Object.keys(map.signals)) {
      for (const signal of map.signals[category]!) out[signal] = out[signal] === "granted" || granted.indexOf(category) >= 0 ? "granted" : "denied";
    }
    for (const signal of map.alwaysGranted) out[signal] = "granted";
    return out;
  };
  gtag("consent", "default", { ...signals([]), wait_for_update: map.waitForUpdate });
  return (granted) => gtag("consent", "update", signals(granted));
}
