import type { Clock } from "../clock.ts";
import type { Manifest } from "../manifest/index.ts";
import { checkSystems, type SystemCheck } from "./check.ts";
import { openSystems } from "./connect.ts";
import type { Environment } from "./env.ts";
import { findSubject, type FindOptions, type FindResult } from "./find.ts";
import { buildReferenceGraph } from "./graph.ts";
import { identityKindsOf, normaliseIdentities, type SubjectIdentities } from "./identities.ts";
import { planFind, type FindPlan } from "./plan.ts";

export interface ConnectorOptions {
  env?: Environment;
  clock?: Clock;
}

/** Plans from the manifest's systems for the identities a subject gave (normalised with the organisation's country). */
export function planForSubject(manifest: Manifest, input: SubjectIdentities): { plan: FindPlan; identities: ReturnType<typeof normaliseIdentities> } {
  const identities = normaliseIdentities(input, { defaultCountry: manifest.organisation.country });
  return { plan: planFind(buildReferenceGraph(manifest.systems ?? []), identityKindsOf(identities)), identities };
}

/** Finds a subject's rows in every system of a manifest, opening and closing the connections. */
export async function findSubjectInSystems(manifest: Manifest, input: SubjectIdentities, opts: ConnectorOptions & FindOptions = {}): Promise<FindResult> {
  const { plan, identities } = planForSubject(manifest, input);
  const systems = openSystems(manifest.systems ?? [], opts);
  try {
    return await findSubject(systems, plan, identities, opts);
  } finally {
    await systems.close();
  }
}

export async function checkManifestSystems(manifest: Manifest, opts: ConnectorOptions = {}): Promise<SystemCheck[]> {
  const systems = openSystems(manifest.systems ?? [], opts);
  try {
    return await checkSystems(systems);
  } finally {
    await systems.close();
  }
}
