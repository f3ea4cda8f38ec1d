import { localDate, type PlainDate } from "../law/index.ts";
import type { DepartedProcessor } from "./alerts.ts";
import type { PolicyProcessors } from "./store.ts";

/**
 * Processors that earlier policies had and the one in force does not (S4-04): taking a processor
 * out of the manifest ends its contract, and its access must end with it. Each is named as the
 * last policy that had it names it, with the day the first policy without it was applied.
 */
export function departedProcessors(versions: readonly PolicyProcessors[], timeZone: string, accessEnded: ReadonlyMap<string, PlainDate>): DepartedProcessor[] {
  const current = versions.at(-1);
  if (!current) return [];
  const inForce = new Set(current.processors.map((p) => p.id));
  const last = new Map<string, { name: string; signed?: string; index: number }>();
  versions.forEach((v, index) => v.processors.forEach((p) => last.set(p.id, { name: p.name, signed: p.dpa?.signed, index })));
  return [...last]
    .filter(([id]) => !inForce.has(id))
    .map(([id, seen]) => {
      const ended = accessEnded.get(id);
      return {
        id,
        name: seen.name,
        goneOn: localDate(versions[seen.index + 1]!.appliedAt, timeZone),
        ...(seen.signed && { signed: seen.signed }),
        ...(ended && { accessEndedOn: ended }),
      };
    });
}
