import { RegistruError } from "../errors.ts";
import type { RequestState } from "./model.ts";

/**
 * Which action is allowed from which state. `received` → `verifying` → `in_progress` →
 * (`awaiting` ↔ `in_progress`) → `done` | `refused`; `forwarded` when the organisation is only the
 * processor. Everything else is 409 `invalid_transition`.
 */
export const ACTIONS = {
  send_code: ["received", "verifying"],
  verify: ["verifying"],
  reset_verification: ["received", "verifying"],
  decide_representative: ["received", "verifying"],
  pause: ["in_progress"],
  resume: ["awaiting"],
  extend: ["received", "verifying", "in_progress", "awaiting"],
  refuse: ["received", "verifying", "in_progress", "awaiting"],
  charge_fee: ["in_progress"],
  forward: ["received", "verifying", "in_progress", "awaiting"],
  record_outcome: ["in_progress"],
  complete: ["in_progress"],
} as const satisfies Record<string, readonly RequestState[]>;
export type RequestAction = keyof typeof ACTIONS;

export function assertAllowed(state: RequestState, action: RequestAction): void {
  if (!(ACTIONS[action] as readonly RequestState[]).includes(state)) {
    throw new RegistruError("invalid_transition", `a request in state "${state}" cannot ${action.replace(/_/g, " ")}`, 409, { state, action });
  }
}
