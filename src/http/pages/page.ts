import { escapeHtml } from "../../notices/index.ts";

export { escapeHtml };

/** A small self-contained page for subjects (no script, readable on a phone, light and dark). */
export function simplePage(lang: string, title: string, bodyHtml: string): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
main { max-width: 36rem; margin: 3rem auto; padding: 0 1rem; }
button { font: inherit; padding: .6rem 1.4rem; border-radius: .3rem; border: 2px solid currentColor; cursor: pointer; }
button:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
</style>
</head>
<body><main>
<h1>${escapeHtml(title)}</h1>
${bodyHtml}
</main></body>
</html>
`;
}
