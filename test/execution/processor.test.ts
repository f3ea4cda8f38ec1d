import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeRequest, findExecution, runOne, executionLock } from "../../src/execution/index.ts";
import { getRequest, listRequests, submitRequest } from "../../src/requests/index.ts";
import { backend } from "../helpers/database.ts";
import { openDemoWorld, type DemoWorld } from "./fixtures.ts";

describe(`S4-09 a processor forwards a subject's request to its controller and never executes it (Registru on ${backend})`, () => {
  let w: DemoWorld;
  beforeAll(async () => {
    w = await openDemoWorld({ orgs: ["eldrive", "platform"] });
  });
  afterAll(async () => {
    await w?.close();
  });

  it("S4-09 S0-01 the charging platform, processing for Eldrive under a DPA that says \"forward, do not answer\", forwards the erasure and the executor leaves it alone", async () => {
    const email = "ana.popescu@example.com";
    const { request } = await submitRequest(w.ctx(), "platform", { right: "erasure", subject: { email }, concerns: { activity: "charging_platform" } }, { actor: "subject", public: true, mailer: w.mailer });
    expect(request.data.state).toBe("forwarded");
    expect(w.smtp.to("office@eldrive.ro")).toHaveLength(1);
    // What a worker does with it: the sweep lists only requests in progress, and the executor refuses anything else.
    expect(await listRequests(w.ctx(), "platform", { state: "in_progress" })).toEqual([]);
    expect(await executeRequest(w.ctx(), w.deps, "platform", request.entryId)).toBe("not_in_progress");
    await runOne(w.ctx(), { ...w.deps, lock: executionLock(w.t.database.kind) }, "platform", request.entryId);
    expect(await findExecution(w.ctx(), "platform", request.entryId)).toBeUndefined();
    const detail = await getRequest(w.ctx(), "platform", request.entryId);
    expect(detail.timeline.map((e) => e.kind)).toEqual(["created", "received", "forwarded", "letter_sent", "letter_sent"]);
    // Eldrive's own databases were not touched by the processor's request.
    expect(await w.rows(w.appDb, "select count(*)::int as n from charging_sessions")).toEqual([{ n: 6 }]);
  });
});
