import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { languageOf } from "./i18n.ts";
import styles from "./styles.css?inline";

/**
 * The privacy centre on Registru's own page (`/o/<slug>/privacy-centre`), mounted on
 * `<main id="registru-privacy-centre" data-org="<slug>" data-lang="…">`. A request's link carries
 * `?request=<id>&token=<token>` and opens its status.
 */
function mount() {
  const el = document.getElementById("registru-privacy-centre");
  const slug = el?.dataset.org;
  if (!el || !slug) return;
  const style = document.createElement("style");
  style.textContent = styles;
  document.head.append(style);
  const params = new URLSearchParams(location.search);
  const lang = languageOf(params.get("lang")) ?? languageOf(el.dataset.lang) ?? "en";
  const id = params.get("request");
  const token = params.get("token");
  createRoot(el).render(
    <StrictMode>
      <App slug={slug} lang={lang} request={id && token ? { id, token } : undefined} />
    </StrictMode>,
  );
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
else mount();
