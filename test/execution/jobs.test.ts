import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExecutor, executionLock, SWEEP_JOB } from "../../src/execution/index.ts";
import { startQueue, type Queue } from "../../src/jobs/queue.ts";
import { getRequest } from "../../src/requests/index.ts";
import { backend } from "../helpers/database.ts";
import { ANA, MARKO, openDemoWorld, type DemoWorld } from "./fixtures.ts";

async function until(check: () => Promise<boolean>, what: string, ms = 30_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe(`execution through the job queue (Registru on ${backend})`, () => {
  let w: DemoWorld;
  let queue: Queue | undefined;
  beforeAll(async () => {
    w = await openDemoWorld();
  });
  afterAll(async () => {
    await queue?.stop();
    await w?.close();
  });

  const executor = () => createExecutor(w.ctx(), { ...w.deps, lock: executionLock(w.t.database.kind) });
  const done = (id: string) => async () => (await getRequest(w.ctx(), "eldrive", id)).state === "done";

  it("S4-17 an erasure promised without undue delay is fetched before an access request that was queued earlier", async () => {
    const access = await w.verified({ right: "access", subject: { email: ANA } });
    const erasure = await w.verified({ right: "erasure", subject: { email: MARKO } });
    // Both wait in the queue before any worker runs.
    const producer = executor();
    const q = await startQueue(w.t.database, w.ctx(), producer.jobs, { work: false });
    producer.bind(q);
    await producer.enqueue("eldrive", access);
    await producer.enqueue("eldrive", erasure);
    await q.stop();

    const worker = executor();
    queue = await startQueue(w.t.database, w.ctx(), worker.jobs, { work: true });
    worker.bind(queue);
    await until(async () => (await done(access)()) && (await done(erasure)()), "both requests");
    // Answer letters carry their PDF; verification codes do not.
    const letters = w.smtp.messages.filter((m) => m.attachments.length > 0).map((m) => m.to[0]);
    expect(letters).toEqual([MARKO, ANA]);
    await queue.stop();
    queue = undefined;
  });

  it("the sweep picks up a request in progress that never reached the queue", async () => {
    const id = await w.verified({ right: "restriction", subject: { email: "ion.ionescu@example.com" } });
    const worker = executor();
    queue = await startQueue(w.t.database, w.ctx(), worker.jobs, { work: true });
    worker.bind(queue);
    await queue.send(SWEEP_JOB);
    await until(done(id), "the swept request");
    await queue.stop();
    queue = undefined;
  });
});
