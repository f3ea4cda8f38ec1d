import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SIGNATURE_TOLERANCE_SECONDS, signatureHeader, verifySignature } from "../../src/webhooks/index.ts";

const secret = "whsec_test-secret";
const body = JSON.stringify({ id: "d1", type: "consent.given", data: { consentId: "abc", purposes: ["newsletter"] } });
const at = new Date("2026-11-23T10:00:00Z");

describe("webhook signatures (Registru-Signature, Stripe's scheme)", () => {
  it("signs t.<body> with HMAC-SHA256 of the secret, as a receiver recomputes it", () => {
    const t = at.getTime() / 1000;
    const expected = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
    expect(signatureHeader(secret, body, at)).toBe(`t=${t},v1=${expected}`);
  });

  it("verifies its own signature on the untouched body", () => {
    expect(verifySignature(secret, signatureHeader(secret, body, at), body, { now: at })).toBe(true);
  });

  it("rejects a tampered body, a wrong secret, a missing or malformed header", () => {
    const header = signatureHeader(secret, body, at);
    expect(verifySignature(secret, header, body.replace("abc", "abd"), { now: at })).toBe(false);
    expect(verifySignature(secret, header, `${body} `, { now: at })).toBe(false);
    expect(verifySignature("whsec_other", header, body, { now: at })).toBe(false);
    expect(verifySignature(secret, undefined, body, { now: at })).toBe(false);
    expect(verifySignature(secret, "v1=deadbeef", body, { now: at })).toBe(false);
    expect(verifySignature(secret, header.replace(/v1=.{4}/, "v1=0000"), body, { now: at })).toBe(false);
  });

  it("rejects a replay outside the tolerance, and a timestamp moved to look fresh", () => {
    const header = signatureHeader(secret, body, at);
    const later = (s: number) => new Date(at.getTime() + s * 1000);
    expect(verifySignature(secret, header, body, { now: later(SIGNATURE_TOLERANCE_SECONDS) })).toBe(true);
    expect(verifySignature(secret, header, body, { now: later(SIGNATURE_TOLERANCE_SECONDS + 1) })).toBe(false);
    const moved = header.replace(/^t=\d+/, `t=${later(3600).getTime() / 1000}`);
    expect(verifySignature(secret, moved, body, { now: later(3600) })).toBe(false);
  });

  it("accepts any one matching v1 among several (a receiver changing secrets)", () => {
    const header = signatureHeader(secret, body, at);
    const withOld = `${header},v1=${"0".repeat(64)}`;
    expect(verifySignature(secret, withOld, body, { now: at })).toBe(true);
  });
});
