import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../../src/http/server.ts";
import { backend } from "../helpers/database.ts";
import { openWorld, type World } from "./fixtures.ts";

const email = "ioana.marin@example.com";

describe(`the privacy centre's calls need the request's token, not only its guessable id (on ${backend})`, () => {
  let w: World;
  let app: Awaited<ReturnType<typeof buildServer>>;
  const enqueued: string[] = [];
  beforeAll(async () => {
    w = await openWorld(["eldrive"]);
    app = await buildServer({ ctx: w.ctx(), database: w.t.database, version: "test", mailer: w.mailer, execution: { enqueue: async (slug, id) => void enqueued.push(`${slug}/${id}`) } });
  });
  afterAll(async () => {
    await app.close();
    await w.close();
  });

  it("answers the intake with a token; status, verify and a new code refuse a missing or wrong one as if the request did not exist", async () => {
    const submitted = await app.inject({ method: "POST", url: "/o/eldrive/requests", payload: { right: "erasure", language: "en", subject: { email } } });
    const { id, token } = submitted.json();
    expect(id).toMatch(/^request-2026-\d{3}$/);
    expect(token).toMatch(/^[A-Za-z0-9_-]{27}$/);
    const status = (t: string) => app.inject({ method: "POST", url: `/o/eldrive/requests/${id}/status`, payload: { token: t } });
    expect((await status(token)).json()).toMatchObject({ id, state: "verifying", right: "erasure" });
    // Another request's token (or a guessed one) fits the format but not this id.
    const other = (await app.inject({ method: "POST", url: "/o/eldrive/requests", payload: { right: "access", subject: { email: "x@example.com" } } })).json();
    expect((await status(other.token)).statusCode).toBe(404);
    expect((await status(other.token)).json().error.code).toBe("request_not_found");
    expect((await app.inject({ method: "POST", url: `/o/eldrive/requests/${id}/verify`, payload: { code: w.latestCode(email) } })).statusCode).toBe(400);
    const guessed = await app.inject({ method: "POST", url: `/o/eldrive/requests/${id}/verify`, payload: { token: other.token, code: w.latestCode(email) } });
    expect(guessed.statusCode).toBe(404);
    expect((await app.inject({ method: "POST", url: `/o/eldrive/requests/${id}/code`, payload: { token: other.token } })).statusCode).toBe(404);

    const ok = await app.inject({ method: "POST", url: `/o/eldrive/requests/${id}/verify`, payload: { token, code: w.latestCode(email) } });
    expect(ok.json().state).toBe("in_progress");
    // A verified request goes to the executor's queue at once.
    expect(enqueued).toEqual([`eldrive/${id}`]);
    expect((await status(token)).json()).toMatchObject({ state: "in_progress", deadline: expect.objectContaining({ promise: "without_undue_delay" }) });
  });
});
