import { RegistruError } from "../errors.ts";
import { EEA_MEMBERS, normalizeCountry } from "./eea.ts";
import { genericMemberState } from "./gdpr.ts";
import { ROMANIA } from "./romania.ts";
import { SERBIA } from "./serbia.ts";
import type { Jurisdiction } from "./types.ts";

/** A jurisdiction is an ISO 3166-1 alpha-2 code: RO and RS have full modules, other EU/EEA states the generic GDPR one. */
export type JurisdictionCode = string;

const FULL_MODULES: ReadonlyMap<string, Jurisdiction> = new Map([
  ["RO", ROMANIA],
  ["RS", SERBIA],
]);

const registry: ReadonlyMap<string, Jurisdiction> = new Map([
  ...[...EEA_MEMBERS].map(([code, state]) => [code, genericMemberState(code, state)] as const),
  ...FULL_MODULES,
]);
registry.forEach(deepFreeze);

export const SUPPORTED_JURISDICTIONS: readonly string[] = [...registry.keys()].sort();

export const isSupportedJurisdiction = (code: string): boolean => registry.has(normalizeCountry(code));

/** Jurisdictions with their own module (authority, national laws on file). */
export const hasFullModule = (code: string): boolean => FULL_MODULES.has(normalizeCountry(code));

export function lawFor(code: string): Jurisdiction {
  const jurisdiction = typeof code === "string" ? registry.get(normalizeCountry(code)) : undefined;
  if (!jurisdiction) {
    throw new RegistruError(
      "unknown_jurisdiction",
      "unknown jurisdiction: expected RO, RS or the ISO code of an EU/EEA member state",
      400,
    );
  }
  return jurisdiction;
}

/** Accepts a jurisdiction or its code, so callers can pass what they hold. */
export const resolveJurisdiction = (j: Jurisdiction | string): Jurisdiction => (typeof j === "string" ? lawFor(j) : j);

function deepFreeze(value: unknown): void {
  if (typeof value !== "object" || value === null || value instanceof RegExp || Object.isFrozen(value)) return;
  Object.freeze(value);
  Object.values(value).forEach(deepFreeze);
}
