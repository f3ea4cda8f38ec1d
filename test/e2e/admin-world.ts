import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Secret, TOTP } from "otpauth";
import type { Page } from "playwright-core";
import type { Clock } from "../../src/clock.ts";
import { adminScript } from "../../src/http/pages/admin.ts";
import { ensureWebBuild } from "../helpers/web-build.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The server's clock runs in real time from a chosen instant, and a test can move it on (TOTP steps). */
export function runningClock(start: string): Clock & { advance(ms: number): void } {
  let offset = Date.parse(start) - Date.now();
  return { now: () => new Date(Date.now() + offset), advance: (ms) => void (offset += ms) };
}

/** The code an authenticator app shows at that moment, made by otpauth itself. */
export const totpAt = (secret: string, at: Date) => new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() });

/** The pages' and the admin app's build (test/helpers/web-build.ts). */
export async function ensureAdminBuild(): Promise<string> {
  await ensureWebBuild();
  return adminScript()!;
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations: Array<{ id: string; impact: string | null; nodes: number; targets: string }> = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }> }> } }).axe;
    return (await axe.run()).violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, targets: JSON.stringify(v.nodes.slice(0, 2).map((n) => n.target)) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}, ${v.nodes} nodes: ${v.targets})`);
}

/** Where `REGISTRU_SCREENSHOTS=1` saves the pages' pictures for the README. */
export const SCREENSHOTS = process.env.REGISTRU_SCREENSHOTS === "1" ? join(root, "docs/screenshots") : undefined;
