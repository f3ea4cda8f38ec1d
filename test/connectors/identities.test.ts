import { describe, expect, it } from "vitest";
import { normaliseIdentities } from "../../src/connectors/index.ts";

describe("normalising a subject's identities", () => {
  it("lower-cases and trims e-mail addresses and removes duplicates", () => {
    expect(normaliseIdentities({ email: ["  Ana.Popescu@Example.COM ", "ana.popescu@example.com"] })).toEqual({ email: ["ana.popescu@example.com"] });
  });

  it("writes phone numbers in E.164, national numbers in the organisation's country", () => {
    expect(normaliseIdentities({ phone: "0721 000 001" }, { defaultCountry: "RO" })).toEqual({ phone: ["+40721000001"] });
    expect(normaliseIdentities({ phone: "064/100-0002" }, { defaultCountry: "RS" })).toEqual({ phone: ["+381641000002"] });
    expect(normaliseIdentities({ phone: "+40 (721) 000-001" })).toEqual({ phone: ["+40721000001"] });
  });

  it("keeps only the digits of a phone number libphonenumber does not know", () => {
    expect(normaliseIdentities({ phone: "int. 12-34" }, { defaultCountry: "RO" })).toEqual({ phone: ["1234"] });
  });

  it("keeps a CNP or JMBG as its 13 digits and refuses anything else without echoing it", () => {
    expect(normaliseIdentities({ cnp: "1 900101 400123", jmbg: "0101990.710006" })).toEqual({ cnp: ["1900101400123"], jmbg: ["0101990710006"] });
    expect(() => normaliseIdentities({ cnp: "19001014001" })).toThrow(expect.objectContaining({ code: "identity_invalid", message: "the cnp given is not 13 digits" }));
  });

  it("refuses a malformed e-mail and an empty request", () => {
    expect(() => normaliseIdentities({ email: "not-an-address" })).toThrow(expect.objectContaining({ code: "identity_invalid" }));
    expect(() => normaliseIdentities({})).toThrow(expect.objectContaining({ code: "identity_missing" }));
  });

  it("trims customer ids and user names but keeps their case", () => {
    expect(normaliseIdentities({ customer_id: " C-0042 ", username: "AnaP" })).toEqual({ customer_id: ["C-0042"], username: ["AnaP"] });
  });
});
