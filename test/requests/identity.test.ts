import { describe, expect, it } from "vitest";
import { isValidCnp, isValidJmbg, normalisePhone, requestInput } from "../../src/requests/index.ts";

describe("subject identities", () => {
  it("accepts a CNP only with its control digit and a real birth date", () => {
    expect(isValidCnp("1850307400010")).toBe(true);
    expect(isValidCnp("2981229112348")).toBe(true);
    expect(isValidCnp("1850307400011")).toBe(false); // control digit
    expect(isValidCnp("1850230400013")).toBe(false); // 30 February
    expect(isValidCnp("0850307400010")).toBe(false); // no sex/century digit 0
    expect(isValidCnp("185030740001")).toBe(false);
  });

  it("accepts a JMBG only with its control digit and a real birth date", () => {
    expect(isValidJmbg("0701985710005")).toBe(true);
    expect(isValidJmbg("3112999710020")).toBe(true);
    expect(isValidJmbg("0701985710006")).toBe(false);
    expect(isValidJmbg("3102999710027")).toBe(false); // 31 February
    expect(isValidJmbg("07019857100")).toBe(false);
  });

  it("normalises phone numbers to E.164 with the organisation's country, and rejects what is not a number", () => {
    expect(normalisePhone("0721 234 567", "RO")).toBe("+40721234567");
    expect(normalisePhone("064 1234567", "RS")).toBe("+381641234567");
    expect(normalisePhone("+381 64 123 4567", "RO")).toBe("+381641234567");
    expect(normalisePhone("12", "RO")).toBeUndefined();
  });

  it("rejects a bad CNP or JMBG at the edge with the path and without echoing the value", () => {
    const r = requestInput.safeParse({ right: "access", subject: { email: "ana@example.com", cnp: "1850307400011", jmbg: "0701985710006" } });
    expect(r.success).toBe(false);
    const issues = r.error!.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues.map(([p]) => p)).toEqual(["subject.cnp", "subject.jmbg"]);
    expect(JSON.stringify(issues)).not.toContain("1850307400011");
  });
});
