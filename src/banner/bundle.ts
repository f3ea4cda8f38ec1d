import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const entry = fileURLToPath(new URL("../../banner/src/main.ts", import.meta.url));

/** The name esbuild gives the bundle's exports; it stays local to the function banner.js wraps it in. */
const BUNDLE_NAME = "registruBanner";

let built: Promise<string> | undefined;

/** The browser script, bundled and minified once per process (no build step at install). */
export function bannerBundle(): Promise<string> {
  built ??= build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "iife",
    globalName: BUNDLE_NAME,
    target: "es2019",
    write: false,
    legalComments: "none",
    logLevel: "silent",
  }).then((r) => r.outputFiles[0]!.text.trim());
  // A failed build is not kept: the next request tries again and reports its own error.
  built.catch(() => (built = undefined));
  return built;
}

/** JSON inside a script: `<` escaped so no text in it can end a surrounding <script> element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

/** banner.js: the bundle and the call that starts it with this organisation's configuration, in one scope. */
export async function bannerScript(config: unknown): Promise<string> {
  return `(function(){${await bannerBundle()}\n${BUNDLE_NAME}.init(${scriptJson(config)});})();\n`;
}
