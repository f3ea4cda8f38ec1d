import { createHash, createHmac } from "node:crypto";
import { z } from "zod";
import { appendAudit } from "../audit/index.ts";
import { signingKey } from "../consent/index.ts";
import { callbackToken, HTTP_ACTIONS, openSystems, verifyCallback, type Environment, type HttpAction, type RemoteAnswer } from "../connectors/index.ts";
import type { Context } from "../context.ts";
import { RegistruError } from "../errors.ts";
import { getEntry, insertEntryIfAbsent, recordEvent, type RegisterKind } from "../registers/index.ts";
import { FINAL_STATES, requestOrganisation, requestRegister } from "../requests/index.ts";

const instant = z.iso.datetime({ offset: true });

/** An HTTP system's asynchronous answer to one call (request, system, action), as its callback brought it. */
export const connectorAnswer = z.strictObject({
  request: z.string(),
  system: z.string(),
  action: z.enum(HTTP_ACTIONS),
  status: z.enum(["done", "failed"]),
  result: z.unknown().optional(),
  reason: z.string().max(2000).optional(),
  /** Of status, result and reason in a canonical form: a second callback saying the same is recognised. */
  answerSha256: z.string().regex(/^[0-9a-f]{64}$/),
  receivedAt: instant,
});
export type ConnectorAnswer = z.infer<typeof connectorAnswer>;

export const answerRegister: RegisterKind<ConnectorAnswer> = {
  name: "connector_answer",
  schema: connectorAnswer,
  index: (a) => ({ status: a.status, dueAt: null }),
};

const answerId = (request: string, system: string, action: HttpAction) => `${request}/${system}/${action}`;

/** The key callback tokens are derived with: the organisation's signing key, never sent to a system. */
async function callbackKey(ctx: Context, tenantId: string): Promise<Buffer> {
  return createHmac("sha256", await signingKey(ctx.db, tenantId)).update("registru connector callbacks").digest();
}

/** Where an HTTP system POSTs its asynchronous answers, and the token each call offers. */
export async function callbackOffer(ctx: Context, p: { tenantId: string; slug: string; publicUrl: string; requestId: string }): Promise<(system: string, action: HttpAction) => { url: string; token: string }> {
  const key = await callbackKey(ctx, p.tenantId);
  const base = p.publicUrl.replace(/\/+$/, "");
  return (system, action) => ({
    url: `${base}/o/${encodeURIComponent(p.slug)}/connectors/${encodeURIComponent(system)}/callback`,
    token: callbackToken(key, { requestId: p.requestId, system, action }),
  });
}

/** JSON with object keys sorted: the same answer hashes the same whatever order the system wrote it in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

export interface ReceivedCallback {
  /** recorded: a new answer; duplicate: the same answer again, nothing changed. */
  status: "recorded" | "duplicate";
  request: string;
}

/**
 * The public callback of an HTTP system (see src/connectors/README.md): signed with the system's
 * secret, fresh, well formed and bearing the token of a call Registru made. The answer is
 * recorded once per request, system and action (the database's primary key decides between two
 * callbacks racing); the same answer again is a no-op, a different one is refused (409
 * `callback_conflict`). A callback for a request already closed, with no answer recorded, is
 * refused (409 `callback_unexpected`).
 */
export async function receiveCallback(ctx: Context, slug: string, system: string, input: { signature: string | undefined; body: string; env?: Environment }): Promise<ReceivedCallback> {
  const org = await requestOrganisation(ctx, slug);
  const endpoint = openSystems(org.manifest.systems ?? [], { env: input.env, clock: ctx.clock }).http(system);
  const key = await callbackKey(ctx, org.tenantId);
  const payload = verifyCallback(endpoint, {
    signature: input.signature,
    body: input.body,
    now: ctx.clock.now(),
    expectedToken: (p) => callbackToken(key, { requestId: p.request_id, system, action: p.action }),
  });
  const answer: ConnectorAnswer = connectorAnswer.parse({
    request: payload.request_id,
    system,
    action: payload.action,
    status: payload.status,
    ...(payload.result !== undefined && { result: payload.result }),
    ...(payload.reason !== undefined && { reason: payload.reason }),
    answerSha256: createHash("sha256").update(canonical({ status: payload.status, result: payload.result, reason: payload.reason })).digest("hex"),
    receivedAt: ctx.clock.now().toISOString(),
  });
  const request = await getEntry(ctx, slug, requestRegister, answer.request);
  const id = answerId(answer.request, system, answer.action);
  return ctx.db.transaction(async (tx) => {
    const inTx = { ...ctx, db: tx };
    const now = ctx.clock.now();
    const inserted = await insertEntryIfAbsent(tx, org.tenantId, answerRegister, id, answer, now);
    if (!inserted) {
      const existing = await getEntry(inTx, slug, answerRegister, id);
      if (existing.data.answerSha256 === answer.answerSha256) return { status: "duplicate" as const, request: answer.request };
      throw new RegistruError("callback_conflict", `system "${system}" already answered ${answer.action} for ${answer.request} differently; the first answer stands`, 409);
    }
    if (FINAL_STATES.includes(request.data.state)) {
      throw new RegistruError("callback_unexpected", `${answer.request} is ${request.data.state}: it waits for no answer`, 409);
    }
    const actor = `system:${system}`;
    await appendAudit(tx, org.tenantId, { at: now, actor, action: `${answerRegister.name}.created`, entity: "request", entityId: answer.request, details: { system, action: answer.action, status: answer.status } });
    await recordEvent(inTx, slug, requestRegister, answer.request, { actor, kind: "system_answered", data: { system, action: answer.action, status: answer.status } });
    return { status: "recorded" as const, request: answer.request };
  });
}

/** The answer recorded for one call, if its callback came. */
export async function recordedAnswer(ctx: Context, slug: string, request: string, system: string, action: HttpAction): Promise<RemoteAnswer | undefined> {
  const entry = await getEntry(ctx, slug, answerRegister, answerId(request, system, action)).catch((e: unknown) => {
    if ((e as { code?: string }).code === `${answerRegister.name}_not_found`) return undefined;
    throw e;
  });
  if (!entry) return undefined;
  const { status, result, reason } = entry.data;
  return { status, ...(result !== undefined && { result }), ...(reason !== undefined && { reason }) };
}
