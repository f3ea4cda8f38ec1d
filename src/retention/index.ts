/** Retention enforcement: what other modules may use. See README.md for the rules and choices. */
export { retentionRules, describePeriod, type EndAction, type NotEnforceable, type Period, type RetentionRules, type TableRule } from "./rules.ts";
export { cutoffDay, expiresOn } from "./cutoff.ts";
export { anonymisationKey, DEFAULT_BATCH_SIZE, planRetention, type RetentionOptions, type RetentionPlan } from "./service.ts";
export { createRun, runRetention, type RunOptions } from "./run.ts";
export { listRuns, unfinishedRun, retentionRunKind, RUN_STATUSES, type RetentionRun } from "./runs.ts";
export { createHold, getHold, heldKeys, holdLastDay, holdStatus, legalHoldKind, legalHoldSchema, listHolds, releaseHold, setProceedingsEnd, type HoldStatus, type LegalHold } from "./holds.ts";
export { retentionDailyJob, retentionRunJob, retentionScheduleKind, runScheduledRetention, scheduleOf, setSchedule } from "./schedule.ts";
export type { Counts, TableEvidence } from "./evidence.ts";
