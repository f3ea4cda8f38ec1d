import { describe, expect, it } from "vitest";
import { consentEvents, type ConsentRecordLike } from "../../src/webhooks/events.ts";
import { parseWebhookEvents, parseWebhookUrl } from "../../src/webhooks/index.ts";

const at = new Date("2026-11-23T10:00:00Z");
const record = (seq: number, consentId: string, purpose: string, decision = "given", method = "form"): ConsentRecordLike => ({
  seq,
  consentId,
  subjectRef: null,
  purpose,
  decision,
  method,
  policyVersion: 1,
  recordedAt: at,
});

describe("webhook events", () => {
  it("makes one consent event per subject and decision, with its purposes and ledger seqs", () => {
    const events = consentEvents([record(1, "a", "newsletter"), record(2, "a", "cookie:analytics"), record(3, "b", "newsletter")]);
    expect(events).toEqual([
      { event: "consent.given", at, data: { consentId: "a", subjectRef: null, purposes: ["newsletter", "cookie:analytics"], decision: "given", method: "form", policyVersion: 1, seqs: [1, 2] } },
      { event: "consent.given", at, data: expect.objectContaining({ consentId: "b", purposes: ["newsletter"], seqs: [3] }) },
    ]);
  });

  it("names the event after the decision (refused, withdrawn, expired)", () => {
    const events = consentEvents([record(1, "a", "x", "refused"), record(2, "b", "x", "withdrawn", "unsubscribe_link"), record(3, "c", "x", "expired")]);
    expect(events.map((e) => e.event)).toEqual(["consent.refused", "consent.withdrawn", "consent.expired"]);
  });

  it("accepts the closed list of events or *, and defaults to *", () => {
    expect(parseWebhookEvents(undefined)).toEqual(["*"]);
    expect(parseWebhookEvents(["policy.applied", "consent.given", "consent.given"])).toEqual(["consent.given", "policy.applied"]);
    expect(parseWebhookEvents(["consent.given", "*"])).toEqual(["*"]);
    expect(() => parseWebhookEvents(["consent.changed"])).toThrow(expect.objectContaining({ code: "unknown_webhook_event", status: 400 }));
    expect(() => parseWebhookEvents([])).toThrow(expect.objectContaining({ code: "unknown_webhook_event" }));
  });

  it("accepts http(s) URLs without credentials only", () => {
    expect(parseWebhookUrl("https://crm.example.com/hooks/registru")).toBe("https://crm.example.com/hooks/registru");
    for (const bad of ["ftp://example.com/x", "javascript:alert(1)", "/relative", "not a url", "https://user:pw@example.com/", `https://example.com/${"a".repeat(2100)}`]) {
      expect(() => parseWebhookUrl(bad), bad).toThrow(expect.objectContaining({ code: "invalid_webhook_url", status: 400 }));
    }
  });
});
