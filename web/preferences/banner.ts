export interface BannerChange {
  consentId?: string;
  /** `apply` when the change came from this widget's own save. */
  method?: string;
}

/** The cookie banner's public API (`GET /o/:slug/banner.js` puts it on `window.registru`). */
export interface RegistruBanner {
  open(): void;
  accept(): void;
  reject(): void;
  /** The browser's pseudonymous consent id; none before the visitor's first decision. */
  consentId(): string | null | undefined;
  get(): unknown;
  /** Applies cookie-category choices at once: clears the withdrawn categories' cookies, updates Google Consent Mode. */
  apply(choices: Record<string, boolean>): void;
  /** Returns a function that removes the listener. */
  on(event: "change", listener: (detail: BannerChange) => void): (() => void) | void;
}

declare global {
  interface Window {
    registru?: RegistruBanner;
  }
}

export const banner = (): RegistruBanner | undefined => (typeof window.registru?.consentId === "function" ? window.registru : undefined);

/**
 * The banner and the widget load independently (either script tag may come first, or be
 * deferred): wait a little for the banner before concluding there is none.
 */
export function waitForBanner(timeoutMs = 3000): Promise<RegistruBanner | undefined> {
  return new Promise((resolve) => {
    const found = banner();
    if (found) return resolve(found);
    const done = () => {
      document.removeEventListener("registru:ready", done);
      clearTimeout(timer);
      resolve(banner());
    };
    // The banner announces itself with this event once window.registru is set.
    document.addEventListener("registru:ready", done);
    const timer = setTimeout(done, timeoutMs);
  });
}
