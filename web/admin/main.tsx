import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { languageOf } from "./i18n.tsx";
import styles from "./styles.css?inline";

/**
 * The staff's admin app, mounted on `<div id="registru-admin" data-lang="…">` of the page shell
 * that Registru serves for `/admin` and every path under it.
 */
function mount() {
  const el = document.getElementById("registru-admin");
  if (!el) return;
  const style = document.createElement("style");
  style.textContent = styles;
  document.head.append(style);
  let stored: string | null = null;
  try {
    stored = localStorage.getItem("registru-admin-lang");
  } catch {
    stored = null;
  }
  const lang = languageOf(new URLSearchParams(location.search).get("lang")) ?? languageOf(stored) ?? languageOf(el.dataset.lang) ?? "en";
  createRoot(el).render(
    <StrictMode>
      <App initialLang={lang} />
    </StrictMode>,
  );
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
else mount();
