import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { languageOf, type Language } from "./i18n.ts";
import styles from "./styles.css?inline";

/**
 * Mounts the preference centre on `<div id="registru-preferences" data-org="<slug>">`, on
 * Registru's own page (`data-standalone`) or on an organisation's site. Optional attributes:
 * `data-server` (Registru's address; by default where this script came from), `data-lang`,
 * `data-token` (a signed link's token, e.g. on an account page), `data-heading-level`.
 */
const scriptOrigin = document.currentScript instanceof HTMLScriptElement && document.currentScript.src ? new URL(document.currentScript.src).origin : location.origin;

function pageLanguage(el: HTMLElement): Language {
  const asked = new URLSearchParams(location.search).get("lang");
  return languageOf(el.dataset.lang) ?? languageOf(asked) ?? languageOf(document.documentElement.lang) ?? "en";
}

function injectStyles() {
  if (document.getElementById("registru-preferences-styles")) return;
  const style = document.createElement("style");
  style.id = "registru-preferences-styles";
  style.textContent = styles;
  document.head.append(style);
}

function mount() {
  for (const el of document.querySelectorAll<HTMLElement>("#registru-preferences, [data-registru-preferences]")) {
    const slug = el.dataset.org;
    if (!slug || el.dataset.mounted) continue;
    el.dataset.mounted = "true";
    injectStyles();
    const standalone = el.dataset.standalone !== undefined;
    const token = el.dataset.token ?? (standalone ? (new URLSearchParams(location.search).get("token") ?? undefined) : undefined);
    createRoot(el).render(
      <StrictMode>
        <App
          server={el.dataset.server || scriptOrigin}
          slug={slug}
          lang={pageLanguage(el)}
          headingLevel={Number(el.dataset.headingLevel) || (standalone ? 1 : 2)}
          token={token}
          standalone={standalone}
        />
      </StrictMode>,
    );
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
else mount();
