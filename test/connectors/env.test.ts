import { describe, expect, it } from "vitest";
import { openSystems, resolveEnv } from "../../src/connectors/index.ts";

describe("${ENV} in a system's url", () => {
  it("replaces each variable with its value", () => {
    expect(resolveEnv("postgres://app:${DB_PASSWORD}@${DB_HOST}:5432/app", { DB_PASSWORD: "s3cret", DB_HOST: "db.internal" }, "app_db")).toBe("postgres://app:s3cret@db.internal:5432/app");
    expect(resolveEnv("${ELDRIVE_DATABASE_URL}", { ELDRIVE_DATABASE_URL: "postgres://h/db" }, "app_db")).toBe("postgres://h/db");
  });

  it("leaves a url without variables as it is", () => {
    expect(resolveEnv("sqlite:///var/lib/app.db", {}, "app_db")).toBe("sqlite:///var/lib/app.db");
  });

  it("names a missing or empty variable and the system, never another variable's value", () => {
    const env = { DB_PASSWORD: "s3cret", DB_HOST: "" };
    let error: unknown;
    try {
      resolveEnv("postgres://app:${DB_PASSWORD}@${DB_HOST}/app", env, "app_db");
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: "connector_env_missing", status: 400, message: 'system "app_db": environment variable DB_HOST is not set', details: { variable: "DB_HOST" } });
    expect(String((error as Error).message)).not.toContain("s3cret");
  });

  it("refuses an unclosed or malformed reference", () => {
    expect(() => resolveEnv("postgres://${DB_URL", {}, "x")).toThrow(expect.objectContaining({ code: "connector_url_invalid" }));
    expect(() => resolveEnv("postgres://${1BAD}", {}, "x")).toThrow(expect.objectContaining({ code: "connector_url_invalid" }));
  });

  it("is resolved when a system is first used, so one unset system does not stop the others", async () => {
    const systems = openSystems(
      [
        { id: "a", kind: "postgres", url: "${A_URL}", tables: {} },
        { id: "b", kind: "sqlite", url: "${B_FILE}", tables: {} },
      ],
      { env: { B_FILE: "/tmp/none.db" } },
    );
    expect(() => systems.sql("a")).toThrow(expect.objectContaining({ code: "connector_env_missing", message: 'system "a": environment variable A_URL is not set' }));
    expect(systems.sql("b").dialect.kind).toBe("sqlite");
    await systems.close();
  });
});
