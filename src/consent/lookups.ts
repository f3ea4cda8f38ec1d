import { currentTenantScope, type Db } from "../store/index.ts";
import { currentStatesBySlug, type ConsentStateRow } from "./store.ts";

export interface FoundState {
  tenantId: string;
  version: number | null;
  states: ConsentStateRow[];
}

interface Waiting {
  consentId: string;
  resolve(found: FoundState | undefined): void;
  reject(error: unknown): void;
}

/** Enough subjects for one index scan; a longer queue is read in several. */
const MAX_SUBJECTS = 256;

/**
 * Coalesced reads of subjects' current state, the read twin of the ledger's group commit: a
 * lookup with none in flight for its organisation is sent at once; those that arrive while it is
 * read wait and go together in the next query. A site asking before every page or e-mail then
 * costs PostgreSQL a round trip per group, not per subject. Lookups are grouped only with others
 * of the same tenant wall, since a group's query runs in its first lookup's scope.
 */
function lookupCoalescer(db: Db) {
  const queues = new Map<string, Waiting[]>();

  async function drain(key: string, slug: string, queue: Waiting[]) {
    while (queue.length > 0) {
      const group = queue.splice(0, MAX_SUBJECTS);
      try {
        const found = await currentStatesBySlug(db, slug, [...new Set(group.map((w) => w.consentId))]);
        for (const w of group) w.resolve(found && { tenantId: found.tenantId, version: found.version, states: found.states.get(w.consentId) ?? [] });
      } catch (error) {
        for (const w of group) w.reject(error);
      }
    }
    queues.delete(key);
  }

  return (slug: string, consentId: string) =>
    new Promise<FoundState | undefined>((resolve, reject) => {
      const key = `${slug}\u0000${currentTenantScope()?.join(",") ?? "owner"}`;
      const waiting = { consentId, resolve, reject };
      const queue = queues.get(key);
      if (queue) return void queue.push(waiting);
      const fresh = [waiting];
      queues.set(key, fresh);
      void drain(key, slug, fresh);
    });
}

const coalescers = new WeakMap<Db, ReturnType<typeof lookupCoalescer>>();

/** A subject's current state with its organisation and policy version in force; undefined when there is no such organisation. */
export function lookupCurrentState(db: Db, slug: string, consentId: string): Promise<FoundState | undefined> {
  let lookup = coalescers.get(db);
  if (!lookup) coalescers.set(db, (lookup = lookupCoalescer(db)));
  return lookup(slug, consentId);
}
