/** Elements a page holds back until their categories (and service) are consented: <script type="text/plain">, <iframe data-src>, <template>. */
const BLOCKED = "script[data-category],iframe[data-category],template[data-category]";
const DONE = "data-registru-done";

/** Whether an element of these categories, and of this service (its `data-service`) if it names one, may run. */
export type Allowed = (categories: string[], service: string | null) => boolean;

const categoriesOf = (el: Element) => (el.getAttribute("data-category") || "").split(/\s+/).filter(Boolean);

function activate(el: Element, allowed: Allowed): void {
  if (el.hasAttribute(DONE) || !allowed(categoriesOf(el), el.getAttribute("data-service"))) return;
  el.setAttribute(DONE, "");
  if (el instanceof HTMLScriptElement) {
    if (el.type !== "text/plain") return;
    // A script runs only when inserted as a new element with a runnable type.
    const script = document.createElement("script");
    for (const a of Array.from(el.attributes)) {
      if (["type", "data-type", "data-category", "data-service", "data-src", DONE].indexOf(a.name) < 0) script.setAttribute(a.name, a.value);
    }
    script.type = el.getAttribute("data-type") || "text/javascript";
    const src = el.getAttribute("data-src");
    if (src) script.src = src;
    if (script.src) script.async = false;
    else script.text = el.text;
    if (el.parentNode) el.parentNode.replaceChild(script, el);
  } else if (el instanceof HTMLIFrameElement) {
    const src = el.getAttribute("data-src");
    if (src) el.src = src;
  } else if (el instanceof HTMLTemplateElement && el.parentNode) {
    el.parentNode.insertBefore(document.importNode(el.content, true), el);
  }
}

export function activateAll(allowed: Allowed, root: ParentNode = document): void {
  Array.from(root.querySelectorAll(BLOCKED)).forEach((el) => activate(el, allowed));
}

/** Blocked elements added later (the rest of the page, a single-page app) follow the decision too. */
export function watchBlocked(allowed: () => Allowed): void {
  new MutationObserver((mutations) => {
    for (const m of mutations) {
      m.addedNodes.forEach((node) => {
        if (!(node instanceof Element)) return;
        if (node.matches(BLOCKED)) activate(node, allowed());
        activateAll(allowed(), node);
      });
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
}
