import { afterAll, describe, expect, it } from "vitest";
import { readConfig } from "../../src/config.ts";
import { buildServer } from "../../src/http/server.ts";
import { openTestDatabase } from "../helpers/database.ts";

describe("configuration from the environment", () => {
  it("reads TRUST_PROXY as off, on, a number of hops or a list of proxies", () => {
    expect(readConfig({}).TRUST_PROXY).toBe(false);
    expect(readConfig({ TRUST_PROXY: "true" }).TRUST_PROXY).toBe(true);
    expect(readConfig({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    expect(readConfig({ TRUST_PROXY: "10.0.0.0/8, 127.0.0.1" }).TRUST_PROXY).toBe("10.0.0.0/8, 127.0.0.1");
    expect(() => readConfig({ TRUST_PROXY: "yes please" })).toThrow(/TRUST_PROXY/);
  });

  it("refuses a public URL that is not a URL, naming the variable", () => {
    expect(() => readConfig({ REGISTRU_PUBLIC_URL: "privacy.example.ro" })).toThrow(/REGISTRU_PUBLIC_URL/);
  });

  describe("the client address behind a proxy", async () => {
    const t = await openTestDatabase();
    afterAll(() => t.drop());
    const ipSeen = async (trustProxy: boolean | number | string | undefined) => {
      const app = await buildServer({ ctx: t.ctx(), database: t.database, version: "test", trustProxy });
      app.get("/ip", async (req) => ({ ip: req.ip }));
      const res = await app.inject({ url: "/ip", remoteAddress: "127.0.0.1", headers: { "x-forwarded-for": "203.0.113.9" } });
      await app.close();
      return res.json().ip as string;
    };

    it("believes X-Forwarded-For only from trusted proxies", async () => {
      expect(await ipSeen(undefined)).toBe("127.0.0.1");
      expect(await ipSeen(1)).toBe("203.0.113.9");
      expect(await ipSeen("127.0.0.1")).toBe("203.0.113.9");
      expect(await ipSeen("10.0.0.1")).toBe("127.0.0.1");
    });
  });
});
