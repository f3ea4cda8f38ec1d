import { describe, expect, it } from "vitest";
import type { Language, RetentionRule } from "../../src/manifest/index.ts";
import { describeRetention, durationWords } from "../../src/notices/index.ts";
import { catalogFor } from "../../src/notices/text/index.ts";
import { deadlineWords, parseAfter } from "../../src/notices/words.ts";

const eldriveAccounts: RetentionRule = {
  keep: "P3Y",
  after: "latest(contract_end, payment_settled)",
  inactive: { keep: "P3Y", after: "last_login" },
  then: "delete_or_anonymise",
  holds: [{ reason: { en: "Administrative or court proceedings", ro: "Proceduri administrative sau judiciare", sr: "Upravni ili sudski postupci" }, keep: "P5Y", after: "proceedings_end" }],
};

describe("retention in words", () => {
  it("English: the later of two events, inactivity, the end action and the hold", () => {
    expect(describeRetention(eldriveAccounts, "en")).toBe(
      "3 years from the later of contract end and payment settlement; for inactive accounts, 3 years from the last login; then deleted or anonymised. " +
        "Exception: administrative or court proceedings: the data is kept until 5 years after the end of the proceedings.",
    );
  });

  it("Romanian", () => {
    expect(describeRetention(eldriveAccounts, "ro")).toBe(
      "3 ani de la încetarea contractului sau achitarea plăților, oricare dintre acestea intervine mai târziu; " +
        "pentru conturile inactive, 3 ani de la ultima autentificare; apoi sunt șterse sau anonimizate. " +
        "Excepție: proceduri administrative sau judiciare: datele se păstrează până la împlinirea a 5 ani de la încheierea procedurilor.",
    );
  });

  it("Serbian Latin and Cyrillic", () => {
    const latin = describeRetention(eldriveAccounts, "sr");
    expect(latin).toBe(
      "3 godine od prestanka ugovora ili izmirenja plaćanja, šta god nastupi kasnije; za neaktivne naloge, 3 godine od poslednje prijave na nalog; " +
        "zatim se brišu ili anonimizuju. Izuzetak: upravni ili sudski postupci: podaci se čuvaju do isteka 5 godina od okončanja postupka.",
    );
    expect(describeRetention(eldriveAccounts, "sr-Cyrl")).toBe(
      "3 године од престанка уговора или измирења плаћања, шта год наступи касније; за неактивне налоге, 3 године од последње пријаве на налог; " +
        "затим се бришу или анонимизују. Изузетак: управни или судски поступци: подаци се чувају до истека 5 година од окончања поступка.",
    );
  });

  it("earliest(), single events, unknown event ids made readable and marked", () => {
    expect(describeRetention({ keep: "P90D", after: "earliest(final_answer, withdrawal)", then: "delete" }, "en")).toBe(
      "90 days from the earlier of our final answer and the withdrawal of consent; then deleted.",
    );
    expect(describeRetention({ keep: "P180D", after: "call_recorded", then: "delete" }, "ro")).toBe("180 de zile de la înregistrarea apelului; apoi sunt șterse.");
    expect(describeRetention({ keep: "P1Y", after: "badge_returned" }, "en")).toBe(
      "One year from the event “badge returned”; the organisation has not stated what happens to the data afterwards.",
    );
    expect(parseAfter("latest(a, b,c)")).toEqual({ mode: "latest", events: ["a", "b", "c"] });
  });

  it("keeps the non-period values in words and says when the law is not named", () => {
    expect(describeRetention({ keep: "statutory", then: "delete_or_anonymise" }, "en")).toBe(
      "For as long as the law requires (the organisation has not stated which law or what period); then deleted or anonymised.",
    );
    expect(describeRetention({ keep: "statutory", basis: { en: "Accounting Law" } }, "en")).toMatch(/^For as long as the law requires \(Accounting Law\); the organisation has not stated what happens/);
    expect(describeRetention({ keep: "contract_duration", then: "return_to_controller" }, "en")).toBe(
      "For as long as the contract lasts; then returned to the client company or deleted, as it instructs.",
    );
    expect(describeRetention({ keep: "session", then: "delete" }, "sr")).toBe("Samo tokom vaše posete; zatim se brišu.");
    expect(describeRetention({ keep: "until_withdrawn", then: "delete" }, "ro")).toBe("Până când vă retrageți consimțământul; apoi sunt șterse.");
    expect(describeRetention({ keep: "until_purpose_fulfilled" }, "en")).toContain("Until the purpose is fulfilled; no fixed period has been stated");
  });
});

describe("durations with the plural forms of each language", () => {
  const cases: Array<[Language, string, string]> = [
    ["en", "P1Y", "one year"],
    ["en", "P1Y6M", "one year and 6 months"],
    ["en", "PT72H", "72 hours"],
    ["ro", "P1M", "o lună"],
    ["ro", "P2Y", "2 ani"],
    ["ro", "P14M", "14 luni"],
    ["ro", "P19D", "19 zile"],
    ["ro", "P20D", "20 de zile"],
    ["ro", "P101D", "101 zile"],
    ["ro", "P120D", "120 de zile"],
    ["sr", "P1Y", "jedna godina"],
    ["sr", "P3Y", "3 godine"],
    ["sr", "P5Y", "5 godina"],
    ["sr", "P21Y", "21 godina"],
    ["sr", "P2M", "2 meseca"],
    ["sr", "P14M", "14 meseci"],
    ["sr", "P12D", "12 dana"],
    ["sr", "P22D", "22 dana"],
    ["sr", "PT2H", "2 sata"],
    ["sr", "PT11H", "11 sati"],
  ];
  it.each(cases)("%s %s → %s", (lang, iso, words) => {
    expect(durationWords(catalogFor(lang), iso)).toBe(words);
  });
});

describe("promised deadlines in words", () => {
  it("P5D, without undue delay and on receipt", () => {
    const en = catalogFor("en");
    expect(deadlineWords(en, "P5D")).toBe("within 5 days");
    expect(deadlineWords(en, "without_undue_delay")).toBe("without undue delay");
    expect(deadlineWords(en, "on_receipt")).toBe("as soon as we receive your request");
    expect(deadlineWords(catalogFor("ro"), "P30D")).toBe("în termen de 30 de zile");
    expect(deadlineWords(catalogFor("sr"), "P1Y")).toBe("u roku od jedne godine");
    expect(deadlineWords(catalogFor("sr"), "P30D")).toBe("u roku od 30 dana");
    expect(deadlineWords(catalogFor("sr"), "P1M")).toBe("u roku od jednog meseca");
    expect(deadlineWords(catalogFor("sr"), "P21D")).toBe("u roku od 21 dana");
  });
});
