/** A consent purpose is a consent-based activity id, or `cookie:<category>` for a cookie category the banner asks about. */
export const COOKIE_PURPOSE_PREFIX = "cookie:";

export const cookiePurpose = (category: string) => `${COOKIE_PURPOSE_PREFIX}${category}`;
