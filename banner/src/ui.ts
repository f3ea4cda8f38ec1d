import type { BannerCategory, BannerConfig, BannerLanguage } from "../../src/banner/types.ts";
import { css } from "./styles.ts";

export interface UiHandlers {
  accept(): void;
  reject(): void;
  /** The categories chosen, and the services turned off in those granted (`<category>:<service>`). */
  save(choices: Record<string, boolean>, off: string[]): void;
  isGranted(category: string): boolean;
  isDenied(service: string): boolean;
  hasDecision(): boolean;
}

export interface Ui {
  open(layer?: "settings"): void;
  /** A decision stands: close the banner and offer the re-open control. */
  decided(): void;
}

type Child = Node | string;

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const name of Object.keys(attrs)) el.setAttribute(name, attrs[name]!);
  el.append(...children);
  return el;
}

const ICON =
  '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M12 2a10 10 0 1 0 10 10 4 4 0 0 1-5-5 4 4 0 0 1-5-5zM8 10.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zm4 4a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3zm4.5-1a1 1 0 1 1 0 2 1 1 0 0 1 0-2zM9 6a1 1 0 1 1 0 2 1 1 0 0 1 0-2z"/></svg>';

/** Accept all and Reject all: the same element with the same class, so neither outweighs the other. */
const button = (act: string, label: string, extra = "") => h("button", { type: "button", class: `rg-btn${extra}`, "data-rg": act }, label);

export function createUi(config: BannerConfig, lang: BannerLanguage, gpc: boolean, on: UiHandlers): Ui {
  const t = config.texts[lang]!;
  const optional = config.categories.filter((c) => !c.necessary);
  const modal = config.style.position === "center";
  let root: HTMLElement | undefined;
  let box: HTMLElement;
  let layers: [HTMLElement, HTMLElement];
  let reopen: HTMLButtonElement | undefined;
  let returnTo: Element | null = null;

  function colours(el: HTMLElement) {
    const c = config.style.colours;
    const vars: Record<string, string> = { a: c.accept, at: c.accept_text, r: c.reject, rt: c.reject_text, bg: c.background, fg: c.text };
    for (const k of Object.keys(vars)) el.style.setProperty(`--rg-${k}`, vars[k]!);
  }

  function categoryBlock(c: BannerCategory): HTMLElement {
    const id = `rg-c-${c.id}`;
    const text = t.categories[c.id] || { title: c.id, description: "" };
    const input = h("input", { type: "checkbox", id, name: c.id, "aria-describedby": `${id}-d`, ...(c.necessary ? {} : { "aria-controls": `rg-g-${c.id}` }) });
    input.checked = c.necessary || on.isGranted(c.id);
    input.disabled = c.necessary;
    // One checkbox per service of an optional category, named by its provider, grouped under the category's label.
    const services = c.necessary
      ? []
      : [
          h(
            "div",
            { class: "rg-svcs", role: "group", id: `rg-g-${c.id}`, "aria-labelledby": `${id}-l` },
            ...c.services.map((s) =>
              h("span", {}, h("input", { type: "checkbox", id: `rg-s-${c.id}-${s.id}`, value: `${c.id}:${s.id}`, "data-rg-c": c.id }), h("label", { for: `rg-s-${c.id}-${s.id}` }, s.provider)),
            ),
          ),
        ];
    const rows = c.services.flatMap((s) =>
      s.cookies.map((k) => h("tr", {}, h("td", {}, s.provider), h("td", {}, k.name), h("td", {}, k.lifetime[lang] || ""), h("td", {}, k.purpose[lang] || ""))),
    );
    const head = h("tr", {}, ...[t.columns.provider, t.columns.cookies, t.columns.lifetime, t.columns.purpose].map((x) => h("th", { scope: "col" }, x)));
    return h(
      "div",
      { class: "rg-cat" },
      h("div", { class: "rg-row" }, input, h("label", { for: id, id: `${id}-l` }, text.title), ...(c.necessary ? [h("span", { class: "rg-on" }, t.alwaysOn)] : [])),
      h("p", { id: `${id}-d` }, text.description),
      ...services,
      h("details", {}, h("summary", {}, `${t.services} (${rows.length})`), h("table", {}, h("thead", {}, head), h("tbody", {}, ...rows))),
    );
  }

  function build() {
    const style = h("style", {}, css);
    const notice = h("a", { href: config.noticeUrl[lang] || "#" }, t.noticeLink);
    const first = h(
      "div",
      { class: "rg-layer" },
      h("h2", { id: "rg-title" }, t.title),
      h("p", { id: "rg-text" }, `${t.body} `, notice),
      h("div", { class: "rg-act" }, button("accept", t.acceptAll), button("reject", t.rejectAll), button("settings", t.settings, " rg-2nd")),
    );
    const second = h(
      "div",
      { class: "rg-layer", hidden: "" },
      h("h2", { id: "rg-stitle" }, t.settingsTitle),
      h("p", { id: "rg-stext" }, t.settingsIntro),
      ...(gpc ? [h("p", { class: "rg-gpc" }, t.gpc)] : []),
      ...config.categories.map(categoryBlock),
      h("div", { class: "rg-act" }, button("accept", t.acceptAll), button("reject", t.rejectAll), button("save", t.save, " rg-2nd")),
    );
    layers = [first, second];
    box = h("div", { class: "rg-box", role: "dialog", tabindex: "-1", ...(modal ? { "aria-modal": "true" } : {}) }, first, second);
    root = h("div", { id: "registru-banner", class: modal ? "rg-center" : "rg-bottom", lang: lang === "sr" ? "sr-Latn" : lang, hidden: "" }, style, box);
    colours(root);
    root.addEventListener("click", (e) => {
      const act = (e.target as Element).closest("[data-rg]")?.getAttribute("data-rg");
      if (act === "accept") on.accept();
      else if (act === "reject") on.reject();
      else if (act === "settings") show(1);
      else if (act === "save") on.save(...choices());
    });
    root.addEventListener("change", (e) => {
      const input = e.target as HTMLInputElement;
      const category = input.getAttribute("data-rg-c");
      if (category) syncCategory(category);
      else for (const b of serviceBoxes(input.name)) b.checked = input.checked;
    });
    root.addEventListener("keydown", keys);
    document.body.appendChild(root);
  }

  const categoryBox = (category: string) => box.querySelector(`#rg-c-${category}`) as HTMLInputElement;
  const serviceBoxes = (category: string) => Array.from(box.querySelectorAll<HTMLInputElement>(`input[data-rg-c="${category}"]`));

  /** A category is on when any of its services is: ticked when all are, mixed (indeterminate) when some are. */
  function syncCategory(category: string) {
    const boxes = serviceBoxes(category);
    if (boxes.length === 0) return;
    const on = boxes.filter((b) => b.checked).length;
    categoryBox(category).checked = on === boxes.length;
    categoryBox(category).indeterminate = on > 0 && on < boxes.length;
  }

  function choices(): [Record<string, boolean>, string[]] {
    const out: Record<string, boolean> = {};
    const off: string[] = [];
    for (const c of optional) {
      const input = categoryBox(c.id);
      out[c.id] = input.checked || input.indeterminate;
      if (out[c.id]) for (const b of serviceBoxes(c.id)) if (!b.checked) off.push(b.value);
    }
    return [out, off];
  }

  function focusables(): HTMLElement[] {
    return Array.from(box.querySelectorAll<HTMLElement>("a[href],button,input:not([disabled]),summary")).filter((el) => !el.closest("[hidden]"));
  }

  function keys(e: KeyboardEvent) {
    if (e.key === "Escape" && !layers[1].hidden) {
      e.preventDefault();
      if (on.hasDecision()) close();
      else show(0);
    } else if (e.key === "Tab" && modal) {
      // The centred banner is modal: focus stays inside it.
      const items = focusables();
      const [first, last] = [items[0], items[items.length - 1]];
      if (e.shiftKey && (document.activeElement === first || document.activeElement === box)) (e.preventDefault(), last && last.focus());
      else if (!e.shiftKey && document.activeElement === last) (e.preventDefault(), first && first.focus());
    }
  }

  function show(layer: 0 | 1) {
    layers[0].hidden = layer !== 0;
    layers[1].hidden = layer !== 1;
    box.setAttribute("aria-labelledby", layer ? "rg-stitle" : "rg-title");
    box.setAttribute("aria-describedby", layer ? "rg-stext" : "rg-text");
    if (layer) {
      for (const c of optional) {
        categoryBox(c.id).checked = on.isGranted(c.id);
        for (const b of serviceBoxes(c.id)) b.checked = on.isGranted(c.id) && !on.isDenied(b.value);
        syncCategory(c.id);
      }
      const first = box.querySelector<HTMLInputElement>("input:not([disabled])");
      (first || box).focus();
    } else box.focus();
  }

  function close() {
    if (root) root.hidden = true;
    showReopen();
    if (returnTo instanceof HTMLElement && document.contains(returnTo) && returnTo !== document.body) returnTo.focus();
    else if (reopen) reopen.focus();
    returnTo = null;
  }

  function showReopen() {
    if (!config.style.reopen || optional.length === 0) return;
    if (!reopen) {
      reopen = h("button", { type: "button", id: "registru-reopen", "aria-label": t.reopen, title: t.reopen, lang: lang === "sr" ? "sr-Latn" : lang });
      reopen.innerHTML = ICON;
      colours(reopen);
      reopen.addEventListener("click", () => open());
      document.body.appendChild(reopen);
    }
    reopen.hidden = false;
  }

  function open(layer?: "settings") {
    if (!root) build();
    const wasOpen = !root!.hidden;
    if (!wasOpen) returnTo = document.activeElement;
    root!.hidden = false;
    if (reopen) reopen.hidden = true;
    show(layer === "settings" ? 1 : 0);
  }

  return {
    open,
    decided: () => {
      if (!document.body) return;
      const wasOpen = root && !root.hidden;
      if (wasOpen) close();
      else showReopen();
    },
  };
}
