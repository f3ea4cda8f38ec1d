import { describe, expect, it } from "vitest";
import { assessRisk, decisionIssues, enisaSeverity, flaggedCategories, requiredNotifications, RISK_SCALE, riskLevel } from "../../src/breaches/index.ts";
import { lawFor } from "../../src/law/index.ts";

describe("risk assessment (EDPB Guidelines 9/2022, ENISA severity method)", () => {
  it("maps severity × likelihood onto none / risk / high", () => {
    const grid = RISK_SCALE.map((severity) => RISK_SCALE.map((likelihood) => riskLevel(severity, likelihood)[0]).join(""));
    // rows: severity negligible → maximum; columns: likelihood negligible → maximum (n = none, r = risk, h = high)
    expect(grid).toEqual(["nnnn", "nrrr", "rrhh", "rhhh"]);
  });

  it("derives the severity from the ENISA score SE = DPC × EI + CB at its thresholds 2, 3 and 4", () => {
    expect(enisaSeverity({ dpc: 1, ei: 1, cb: 0.5 })).toEqual({ se: 1.5, severity: "negligible" });
    expect(enisaSeverity({ dpc: 2, ei: 1, cb: 0 })).toEqual({ se: 2, severity: "limited" });
    expect(enisaSeverity({ dpc: 4, ei: 0.75, cb: 0 })).toEqual({ se: 3, severity: "significant" });
    expect(enisaSeverity({ dpc: 3, ei: 1, cb: 1 })).toEqual({ se: 4, severity: "maximum" });
    expect(assessRisk({ likelihood: "limited", enisa: { dpc: 3, ei: 1, cb: 1 } })).toMatchObject({ severity: "maximum", enisaScore: 4, computed: "high", level: "high", overridden: false });
  });

  it("lets the DPO override the computed level with a reason; the override is what counts", () => {
    const a = assessRisk({ likelihood: "significant", severity: "significant", override: { level: "risk", reason: "backups restored in an hour", by: "DPO" } });
    expect(a).toMatchObject({ computed: "high", level: "risk", overridden: true });
    expect(requiredNotifications(a.level)).toEqual({ authority: true, subjects: false });
  });

  it("requires the authority unless no risk is likely, and the subjects only for a high risk", () => {
    expect(requiredNotifications("none")).toEqual({ authority: false, subjects: false });
    expect(requiredNotifications("risk")).toEqual({ authority: true, subjects: false });
    expect(requiredNotifications("high")).toEqual({ authority: true, subjects: true });
  });

  it("cites the Serbian law for a decision that contradicts the risk under ZZPL", () => {
    const issues = decisionIssues({ risk: { likelihood: "maximum", severity: "maximum" }, decisions: { notify_authority: { notify: false, reason: "x" }, notify_subjects: { notify: false, reason: "y" } } }, lawFor("RS"));
    expect(issues.map((i) => i.message)).toEqual([expect.stringContaining("ZZPL čl. 52(1)"), expect.stringContaining("ZZPL čl. 53(1)")]);
    expect(decisionIssues({ risk: { likelihood: "maximum", severity: "maximum" }, decisions: { notify_subjects: { notify: false, reason: "public notice", exception: "disproportionate_effort" } } }, lawFor("RS"))).toEqual([]);
  });

  it("flags Art. 9 special categories and Art. 10 criminal data among the categories breached", () => {
    expect(flaggedCategories(["contact.email", "special.health", "criminal.convictions", "special.biometric"])).toEqual({ special: ["special.health", "special.biometric"], criminal: ["criminal.convictions"] });
  });
});
