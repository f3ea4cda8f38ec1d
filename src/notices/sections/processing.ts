import type { Jurisdiction } from "../../law/index.ts";
import { isCriminalData, isSpecialCategory } from "../../law/taxonomy.ts";
import type { ProcessingActivity } from "../../manifest/index.ts";
import { specialConditions } from "../../manifest/vocabulary.ts";
import { activityName, activityNames, categoryLabel, cite, local, subjectLabel, type NoticeContext } from "../context.ts";
import type { SpecialCondition } from "../text/index.ts";
import type { NoticeBlock, NoticeSection } from "../types.ts";
import { facts, paragraph, section, table } from "./section.ts";

/** Activities the organisation decides (controller or joint controller). */
export const ownActivities = (ctx: NoticeContext) => ctx.manifest.activities.filter((a) => a.role !== "processor");
/** Activities carried out for client controllers: their legal basis, consent and requests are the client's. */
export const clientActivities = (ctx: NoticeContext) => ctx.manifest.activities.filter((a) => a.role === "processor");

/** Art. 13(1)(c)-(d), 14(1)(c)-(d): purposes, legal bases with their article, interests, conditions, categories. */
export function activitiesSection(ctx: NoticeContext): NoticeSection {
  const { t, manifest } = ctx;
  const blocks: NoticeBlock[] = [
    paragraph(t.activities.intro),
    paragraph(t.activities.subjectsIntro),
    { kind: "list", items: manifest.subjects.map((s) => subjectLabel(ctx, s.id)) },
  ];
  for (const a of ownActivities(ctx)) {
    blocks.push(activityFacts(ctx, a, activityName(ctx, a)));
    if (a.role === "joint_controller") blocks.push(paragraph(t.activities.jointNote));
  }
  const forClients = clientActivities(ctx);
  if (forClients.length) {
    blocks.push(paragraph(t.activities.processorIntro));
    for (const a of forClients) blocks.push(activityFacts(ctx, a, t.activities.processorTitle(activityName(ctx, a))));
  }
  return section(ctx, "activities", blocks);
}

function activityFacts(ctx: NoticeContext, a: ProcessingActivity, title: string): NoticeBlock {
  const { t, law } = ctx;
  // For a processor activity the basis, interests and conditions are the client controller's to state.
  const own = a.role !== "processor";
  const bases = own ? (a.legal_basis ?? []) : [];
  const special = own && a.data.some(isSpecialCategory);
  return facts(
    [
      [t.activities.terms.purpose, local(ctx, a.purpose)],
      [t.activities.terms.bases, basesText(ctx, a)],
      [t.activities.terms.legitimateInterest, bases.includes("legitimate_interests") ? (local(ctx, a.legitimate_interest) ?? t.activities.liMissing) : undefined],
      [t.activities.terms.legalObligation, bases.includes("legal_obligation") ? (local(ctx, a.legal_obligation) ?? t.activities.loMissing) : undefined],
      [t.activities.terms.special, special ? conditionText(ctx, a.special_condition) : undefined],
      [t.activities.terms.criminal, a.data.some(isCriminalData) ? t.activities.criminalNote(cite(ctx, law.criminalDataArticle)) : undefined],
      [t.activities.terms.categories, a.data.map((d) => categoryLabel(ctx, d)).join("; ")],
      [t.activities.terms.subjects, a.subjects.map((s) => subjectLabel(ctx, s)).join("; ")],
    ],
    title,
  );
}

function basesText(ctx: NoticeContext, a: ProcessingActivity): string {
  const { t, law } = ctx;
  if (a.role === "processor") return t.activities.processorBasis;
  if (!a.legal_basis?.length) return t.activities.noBasis;
  return a.legal_basis.map((b) => `${t.activities.basis[b]} (${cite(ctx, law.lawfulBasisArticles[b])})`).join("; ");
}

function conditionText(ctx: NoticeContext, condition: SpecialCondition | undefined): string {
  if (!condition) return ctx.t.activities.conditionMissing;
  return `${ctx.t.activities.condition[condition]} (${cite(ctx, specialConditionArticle(ctx.law, condition))})`;
}

/** GDPR Art. 9(2)(a)-(j); ZZPL čl. 17(2) numbers the same conditions 1-10. */
export function specialConditionArticle(law: Jurisdiction, condition: SpecialCondition): string {
  const index = specialConditions.indexOf(condition);
  const point = law.regime === "GDPR" ? String.fromCharCode(97 + index) : String(index + 1);
  return `${law.specialCategoryArticle}(2)(${point})`;
}

/** Art. 13(2)(e): whether giving the data is a statutory or contractual requirement, and the consequence. */
export function requirementSection(ctx: NoticeContext): NoticeSection {
  const { t } = ctx;
  const rows = ownActivities(ctx).map((a) => [
    activityName(ctx, a),
    a.requirement ? t.requirement.kinds[a.requirement.kind] : t.requirement.kindMissing,
    local(ctx, a.requirement?.consequence) ?? t.requirement.consequenceMissing,
  ]);
  return section(ctx, "requirement", [paragraph(t.requirement.intro), table(t.requirement.caption, t.requirement.columns, rows)]);
}

/**
 * Art. 13(2)(f) / 14(2)(g): automated decisions with their logic and significance. Only an explicit
 * `none` lets the notice say there are none; where the manifest is silent, the notice says so.
 */
export function automatedSection(ctx: NoticeContext): NoticeSection {
  const { t, law } = ctx;
  const activities = ctx.manifest.activities;
  const blocks: NoticeBlock[] = [];
  const deciding = activities.filter((a) => typeof a.automated_decisions === "object");
  const none = activities.filter((a) => a.automated_decisions === "none");
  const unstated = activities.filter((a) => a.automated_decisions === undefined);
  if (none.length === activities.length) blocks.push(paragraph(t.automated.none));
  else if (unstated.length === activities.length) blocks.push(paragraph(t.automated.notStated));
  for (const a of deciding) {
    const d = a.automated_decisions as Exclude<ProcessingActivity["automated_decisions"], "none" | undefined>;
    blocks.push(
      facts(
        [
          [t.automated.terms.logic, local(ctx, d.logic) || t.common.notStated],
          [t.automated.terms.significance, local(ctx, d.significance) || t.common.notStated],
        ],
        t.automated.title(activityName(ctx, a)),
      ),
    );
  }
  if (deciding.length) blocks.push(paragraph(t.automated.right(cite(ctx, ...law.articles.automated_decision))));
  const mixed = none.length < activities.length && unstated.length < activities.length;
  if (mixed && none.length) blocks.push(paragraph(t.automated.noneFor(activityNames(ctx, none))));
  if (mixed && unstated.length) blocks.push(paragraph(t.automated.notStatedFor(activityNames(ctx, unstated))));
  const profiling = activities.filter((a) => a.profiling && typeof a.automated_decisions !== "object");
  if (profiling.length) blocks.push(paragraph(t.automated.profiling(activityNames(ctx, profiling))));
  return section(ctx, "automated", blocks);
}

/**
 * Art. 14(1)(d), 14(2)(f) and 14(3): the organisation's own purposes for which data comes from others,
 * the source, the categories processed in that activity, and when the subject is told. For processor
 * activities Art. 14 is the client controller's duty: they are only named, with who to ask.
 */
export function sourcesSection(ctx: NoticeContext): NoticeSection {
  const { t, law } = ctx;
  const indirect = ownActivities(ctx).filter((a) => a.source !== "subject");
  const forClients = clientActivities(ctx).filter((a) => a.source !== "subject");
  const blocks: NoticeBlock[] = [];
  if (!indirect.length) blocks.push(paragraph(forClients.length ? t.sources.allDirectOwn : t.sources.allDirect));
  else {
    const rows = indirect.map((a) => [
      activityName(ctx, a),
      local(ctx, a.sources) ?? t.sources.notNamed,
      a.data.map((d) => categoryLabel(ctx, d)).join("; "),
    ]);
    const article = law.articles.information.at(-1) ?? law.articles.information.join(", ");
    blocks.push(paragraph(t.sources.intro), table(t.sources.caption, t.sources.columns, rows), paragraph(t.sources.timing(cite(ctx, article))));
  }
  if (forClients.length) blocks.push(paragraph(t.sources.forClients(activityNames(ctx, forClients))));
  return section(ctx, "sources", blocks);
}
