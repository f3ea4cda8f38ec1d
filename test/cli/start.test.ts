import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { backend, createPostgresDatabase, onPostgres } from "../helpers/database.ts";

const bin = fileURLToPath(new URL("../../bin/registru.js", import.meta.url));
const children: ChildProcess[] = [];

/** Starts `registru start` as a real process and resolves with the first line it prints to stdout. */
function startProcess(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; line: string }> {
  const child = spawn(process.execPath, [bin, "start", "--port", "0", ...args], {
    env: { ...process.env, LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    child.stdout!.on("data", (d: Buffer) => resolve({ child, line: d.toString().split("\n")[0]! }));
    child.on("exit", (code) => reject(new Error(`exited ${code}: ${stderr}`)));
  });
}

const urlOf = (line: string) => /running at (http:\/\/\S+)/.exec(line)?.[1];

afterAll(() => {
  for (const c of children) c.kill("SIGTERM");
});

describe(`registru start on ${backend}`, () => {
  // How fast it starts is measured by `npm run bench startup`, not asserted here.
  it("answers /health with the example organisations loaded", { timeout: 90_000 }, async () => {
    const env: Record<string, string> = onPostgres
      ? { DATABASE_URL: (await createPostgresDatabase()).url }
      : { DATABASE_URL: "", REGISTRU_DATA_DIR: mkdtempSync(join(tmpdir(), "registru-data-")) };
    const { line } = await startProcess([], env);
    const url = urlOf(line);
    expect(url).toBeDefined();
    const health = await (await fetch(`${url}/health`)).json();
    expect(health).toMatchObject({ status: "ok", database: backend });
    const eldrive = await (await fetch(`${url}/api/v1/organisations/eldrive`)).json();
    expect(eldrive).toMatchObject({ name: "EMOBILITY CHARGING S.R.L.", policy: { version: 1 } });
  });

  it("refuses --role api without DATABASE_URL, with exit code 2", async () => {
    const result = await startProcess(["--role", "api"], { DATABASE_URL: "" }).catch((e: Error) => e.message);
    expect(result).toMatch(/^exited 2: .*set DATABASE_URL/s);
  });

  it.runIf(onPostgres)("runs as separate api and worker processes on PostgreSQL", { timeout: 90_000 }, async () => {
    const { url: databaseUrl } = await createPostgresDatabase();
    const worker = await startProcess(["--role", "worker"], { DATABASE_URL: databaseUrl });
    expect(worker.line).toContain("worker is running (database postgres)");
    const api = await startProcess(["--role", "api"], { DATABASE_URL: databaseUrl });
    const health = await (await fetch(`${urlOf(api.line)}/health`)).json();
    expect(health.database).toBe("postgres");
  });
});
