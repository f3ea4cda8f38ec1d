import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Secret, TOTP } from "otpauth";
import type { Page } from "playwright-core";
import type { Clock } from "../../src/clock.ts";
import { ADMIN_DIST, adminScript } from "../../src/http/pages/admin.ts";
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

function newest(path: string): number {
  const s = statSync(path);
  return s.isDirectory() ? Math.max(0, ...readdirSync(path).map((n) => newest(join(path, n)))) : s.mtimeMs;
}

const lockDir = join(tmpdir(), `registru-web-build-${createHash("sha256").update(root).digest("hex").slice(0, 12)}.lock`);

/**
 * The pages' build (test/helpers/web-build.ts), then the admin app's when it is missing or older
 * than web/admin: the shared helper does not look at the admin sources.
 */
export async function ensureAdminBuild(): Promise<string> {
  await ensureWebBuild();
  const fresh = () => {
    const script = adminScript();
    return script !== undefined && statSync(join(ADMIN_DIST, ".vite/manifest.json")).mtimeMs >= newest(join(root, "web/admin"));
  };
  if (!fresh()) {
    for (;;) {
      try {
        mkdirSync(lockDir);
        break;
      } catch {
        const held = statSync(lockDir, { throwIfNoEntry: false });
        if (held && Date.now() - held.mtimeMs > 120_000) rmSync(lockDir, { recursive: true, force: true });
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    try {
      if (!fresh()) await promisify(execFile)(process.execPath, [join(root, "node_modules/vite/bin/vite.js"), "build", "--config", "web/vite.config.ts"], { cwd: root, env: { ...process.env, NODE_ENV: "production" } });
    } finally {
      rmSync(lockDir, { recursive: true, force: true });
    }
  }
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
