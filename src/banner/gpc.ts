/**
 * Global Privacy Control support resource (https://privacycg.github.io/gpc-spec/): Registru's
 * banner treats `navigator.globalPrivacyControl` as a refusal of every optional cookie category.
 */
export const GPC_SUPPORT_SINCE = "2026-11-23";

export interface GpcSupport {
  gpc: true;
  lastUpdate: string;
}

/**
 * `lastUpdate` is when the statement last changed: the day Registru's banner began honouring GPC,
 * or for an organisation the day its policy in force was applied, whichever is later.
 */
export function gpcSupport(appliedAt?: Date): GpcSupport {
  const applied = appliedAt?.toISOString().slice(0, 10);
  return { gpc: true, lastUpdate: applied && applied > GPC_SUPPORT_SINCE ? applied : GPC_SUPPORT_SINCE };
}
