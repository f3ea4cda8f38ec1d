import { isCriminalData, isNationalIdentifier, isSpecialCategory } from "../../law/taxonomy.ts";
import type { LintRule, RawFinding } from "../types.ts";
import { finding } from "./finding.ts";

export const specialCategoryWithoutCondition: LintRule = {
  id: "special-category-without-condition",
  check: ({ manifest, cite }) =>
    manifest.activities.flatMap((a, i): RawFinding[] => {
      const special = a.data.filter(isSpecialCategory);
      if (special.length === 0 || a.special_condition) return [];
      return [finding(
        "error",
        cite("GDPR Art. 9(1)-(2)", "ZZPL čl. 17"),
        ["activities", i, "data", a.data.indexOf(special[0]!)],
        `activity "${a.id}" processes special categories (${special.join(", ")}) without an Art. 9(2) condition`,
        "add special_condition (e.g. explicit_consent, employment_social_security, legal_claims) or stop collecting the data",
      )];
    }),
};

/** S1-06: a DPO wants every special category flagged wherever it is held, even when lawful. */
export const specialCategoryPresent: LintRule = {
  id: "special-category-present",
  check: ({ manifest, cite }) => {
    const article = cite("GDPR Art. 9, 35(3)(b)", "ZZPL čl. 17, 54(3)(2)");
    const inActivities = manifest.activities.flatMap((a, i) =>
      a.data.flatMap((d, j): RawFinding[] =>
        isSpecialCategory(d) && a.special_condition
          ? [finding(
              "warning",
              article,
              ["activities", i, "data", j],
              `activity "${a.id}" holds special-category data (${d})`,
              "check that a DPIA exists and access is restricted",
            )]
          : [],
      ),
    );
    const inSystems = (manifest.systems ?? []).flatMap((s, i) =>
      Object.entries(s.tables ?? {}).flatMap(([table, t]) =>
        Object.entries(t.fields ?? {}).flatMap(([column, d]): RawFinding[] =>
          isSpecialCategory(d)
            ? [finding(
                "warning",
                article,
                ["systems", i, "tables", table, "fields", column],
                `${s.id}.${table}.${column} holds special-category data (${d})`,
                "make sure an activity with an Art. 9(2) condition covers this column",
              )]
            : [],
        ),
      ),
    );
    return [...inActivities, ...inSystems];
  },
};

export const criminalData: LintRule = {
  id: "criminal-data",
  check: ({ manifest, cite }) =>
    manifest.activities.flatMap((a, i): RawFinding[] =>
      a.data.some(isCriminalData) && !a.legal_basis?.includes("legal_obligation")
        ? [finding(
            "error",
            cite("GDPR Art. 10", "ZZPL čl. 19"),
            ["activities", i, "data"],
            `activity "${a.id}" processes criminal-conviction data without a legal obligation authorising it`,
            "criminal data may only be processed under official authority or where Union or national law authorises it",
          )]
        : [],
    ),
};

/** Law 190/2018 art. 4: national identifiers on legitimate interest need safeguards, among them a DPO. */
export const nationalIdWithoutDpo: LintRule = {
  id: "national-id-legitimate-interest-without-dpo",
  check: ({ manifest, law }) => {
    if (law.code !== "RO" || manifest.dpo?.appointed === true) return [];
    return manifest.activities.flatMap((a, i): RawFinding[] => {
      const ids = a.data.filter(isNationalIdentifier);
      if (ids.length === 0 || !a.legal_basis?.includes("legitimate_interests")) return [];
      return [finding(
        "error",
        "Law 190/2018 art. 4(1)-(2); GDPR Art. 87",
        ["activities", i, "data", a.data.indexOf(ids[0]!)],
        `activity "${a.id}" processes national identifiers (${ids.join(", ")}) on legitimate interests without an appointed DPO`,
        "appoint a DPO (and keep the other art. 4 safeguards: measures, retention limits, training), or use another legal basis",
      )];
    });
  },
};

export const specialRules = [specialCategoryWithoutCondition, specialCategoryPresent, criminalData, nationalIdWithoutDpo];
