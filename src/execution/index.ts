/**
 * Executes verified data-subject requests on the organisation's systems: a persisted plan per
 * request, applied system by system through durable jobs, with Art. 19 notices, packages for
 * access and portability, restriction marks and consent withdrawals. See README.md.
 */
export { executeRequest, type ExecutionDeps, type ExecutionResult } from "./execute.ts";
export { createExecutor, EXECUTE_JOB, holdAfterSystemsFromEnv, priorityOf, runOne, SWEEP_JOB, type Executor } from "./jobs.ts";
export { executionLock, type ExecutionLock } from "./lock.ts";
export { executionRegister, type Execution, type StaffTask } from "./model.ts";
export { findExecution } from "./store.ts";
export { isRestricted, restrictionRegister, type RestrictionAnswer } from "./restrictions.ts";
export { clientExport } from "./clients.ts";
export { answerRegister, receiveCallback, type ConnectorAnswer, type ReceivedCallback } from "./callbacks.ts";
