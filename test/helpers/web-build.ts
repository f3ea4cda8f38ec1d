import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { ADMIN_DIST, adminScript } from "../../src/http/pages/admin.ts";
import { builtScript, WEB_DIST } from "../../src/http/routes/preferences-page.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));
const sources = [join(root, "web/preferences"), join(root, "web/privacy-centre"), join(root, "web/admin"), join(root, "web/vite.config.ts")];

function newestSource(path: string): number {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestSource(join(path, name))));
}

function isFresh(): boolean {
  if (!builtScript() || !adminScript()) return false;
  const newest = Math.max(...sources.map(newestSource));
  return [WEB_DIST, ADMIN_DIST].every((dist) => statSync(join(dist, ".vite/manifest.json")).mtimeMs >= newest);
}

// One build at a time across vitest's worker processes: the build empties web/dist first.
const lockDir = join(tmpdir(), `registru-web-build-${createHash("sha256").update(root).digest("hex").slice(0, 12)}.lock`);

async function withLock<T>(f: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      // A lock left by a killed run is older than any real build.
      const held = statSync(lockDir, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 120_000) rmSync(lockDir, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await f();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Builds the pages and the admin app (npm run build) when web/dist is missing or older than their sources, so a fresh checkout's tests run either way. */
export async function ensureWebBuild(): Promise<string> {
  if (!isFresh()) {
    await withLock(async () => {
      if (isFresh()) return;
      await promisify(execFile)(process.execPath, [join(root, "node_modules/vite/bin/vite.js"), "build", "--config", "web/vite.config.ts"], { cwd: root, env: { ...process.env, NODE_ENV: "production" } });
    });
  }
  return builtScript()!;
}
