import { createHmac, timingSafeEqual } from "node:crypto";

/** Receivers reject a signature older (or newer) than this, so a captured request cannot be replayed later. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const hmacHex = (secret: string, t: number, body: string) => createHmac("sha256", secret).update(`${t}.${body}`, "utf8").digest("hex");

/** `Registru-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` (Stripe's scheme). */
export function signatureHeader(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${hmacHex(secret, t, body)}`;
}

/**
 * Checks a `Registru-Signature` header against the raw body as received (before any JSON
 * parsing). Several `v1` values are accepted so a receiver can verify during a secret change.
 */
export function verifySignature(secret: string, header: string | undefined, body: string, opts: { now: Date; toleranceSeconds?: number }): boolean {
  if (!header) return false;
  const parts = header.split(",").map((p) => p.trim().split("="));
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  if (!Number.isInteger(t)) return false;
  if (Math.abs(opts.now.getTime() / 1000 - t) > (opts.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(hmacHex(secret, t, body), "hex");
  return parts
    .filter(([k, v]) => k === "v1" && typeof v === "string" && /^[0-9a-f]{64}$/.test(v))
    .some(([, v]) => timingSafeEqual(Buffer.from(v!, "hex"), expected));
}
