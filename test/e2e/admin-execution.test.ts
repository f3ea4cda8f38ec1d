import { eq } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExecutor, executionLock } from "../../src/execution/index.ts";
import { buildServer } from "../../src/http/server.ts";
import { startQueue, type Queue } from "../../src/jobs/queue.ts";
import { getRequest } from "../../src/requests/index.ts";
import { addStaff, CLI_ACTOR, createSession } from "../../src/staff/index.ts";
import { tables } from "../../src/store/index.ts";
import { ANA, openDemoWorld, type DemoWorld } from "../execution/fixtures.ts";
import { hasChromium, launchChromium } from "../helpers/browser.ts";
import { backend } from "../helpers/database.ts";
import { ensureAdminBuild, seriousViolations } from "./admin-world.ts";

describe.skipIf(!hasChromium)(`admin app: a request's execution in progress, on the PostgreSQL and MariaDB demo databases (Registru on ${backend})`, () => {
  let w: DemoWorld;
  let app: Awaited<ReturnType<typeof buildServer>>;
  let queue: Queue;
  let executor: ReturnType<typeof createExecutor>;
  let base: string;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    await ensureAdminBuild();
    w = await openDemoWorld();
    executor = createExecutor(w.ctx(), { ...w.deps, lock: executionLock(w.t.database.kind) });
    queue = await startQueue(w.t.database, w.ctx(), executor.jobs, { work: true });
    executor.bind(queue);
    app = await buildServer({ ctx: w.ctx(), database: w.t.database, version: "test", mailer: w.mailer, execution: executor, packages: w.deps.packages, env: w.env });
    base = await app.listen({ port: 0, host: "127.0.0.1" });
    // A DPO past the first login (the login itself is the other browser test's).
    const added = await addStaff(w.ctx(), { email: "dpo@eldrive.example", name: "DPO", slug: "eldrive", role: "dpo" }, CLI_ACTOR, { existing: "refuse" });
    await w.ctx().db.update(tables.staffUsers).set({ mustChangePassword: false }).where(eq(tables.staffUsers.userId, added.member.userId));
    token = (await createSession(w.ctx(), added.member.userId, { secondFactorGiven: true })).token;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await queue?.stop();
    await w?.close();
  });

  it("shows the plan's progress system by system while the worker executes an erasure, then the request done", async () => {
    const id = await w.verified({ right: "erasure", subject: { email: ANA, name: "Ana Popescu" } });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true, locale: "en-GB" });
    await context.addCookies([{ name: "registru_session", value: token, url: base, httpOnly: true, sameSite: "Strict" }]);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${base}/admin/o/eldrive/requests/${id}?lang=en`);
    await page.getByRole("heading", { level: 1, name: `Request ${id}` }).waitFor();
    expect(await page.getByTestId("request-state").textContent()).toBe("in progress");
    await page.getByText("No execution plan yet.").waitFor();

    // The worker takes it now; the page polls the progress and sees it finish.
    await executor.enqueue("eldrive", id);
    await page.getByText("completed — 2 of 2 systems done").waitFor();
    expect(await page.getByRole("progressbar", { name: "2 of 2 systems done" }).getAttribute("value")).toBe("2");
    await page.getByTestId("request-state").getByText("done").waitFor();
    expect((await getRequest(w.ctx(), "eldrive", id)).state).toBe("done");
    expect(await seriousViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("answers the progress in counts and system names only", async () => {
    const id = await w.verified({ right: "erasure", subject: { email: "marko.petrovic@example.com" } });
    const headers = { cookie: `registru_session=${token}` };
    const before = await app.inject({ method: "GET", url: `/api/v1/organisations/eldrive/requests/${id}/execution/progress`, headers });
    expect([before.statusCode, before.json().error.code]).toEqual([404, "execution_not_found"]);
    await executor.enqueue("eldrive", id);
    await expect.poll(async () => (await getRequest(w.ctx(), "eldrive", id)).state, { timeout: 30_000 }).toBe("done");
    const res = await app.inject({ method: "GET", url: `/api/v1/organisations/eldrive/requests/${id}/execution/progress`, headers });
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({ state: "completed", systemsDone: 2, lastError: null });
    expect(p.systems.map((s: { system: string; done: boolean }) => [s.system, s.done])).toEqual([
      ["app_db", true],
      ["legacy_db", true],
    ]);
    expect(res.body).not.toContain("marko");
    expect((await app.inject({ method: "GET", url: `/api/v1/organisations/eldrive/requests/${id}/execution/progress` })).statusCode).toBe(401);
  });
});
