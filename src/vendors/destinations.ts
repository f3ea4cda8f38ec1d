import type { TransferMechanism } from "../law/index.ts";
import type { Manifest, ManifestPath } from "../manifest/index.ts";

/** Who receives data in another country, according to which part of the manifest. */
export type DestinationSource = "processor" | "recipient" | "activity" | "cookie";

export interface Destination {
  path: ManifestPath;
  source: DestinationSource;
  /** The party's id where there is one (processor, recipient), else its name or the activity id. */
  who: string;
  /** The processor or recipient id, when the destination is one. */
  party?: string;
  /** The activity that declares the transfer (source "activity"). */
  activity?: string;
  country: string;
  mechanism: TransferMechanism | undefined;
}

/**
 * Every place the manifest sends data. A processor is checked for where it is established and
 * for where it stores data: staff reaching the data remotely from its home country is a transfer
 * too (EDPB Guidelines 05/2021), so OVH's Canadian parent counts even with servers in Germany.
 * Lint judges these destinations; the vendors register lists them.
 */
export function transferDestinations(manifest: Manifest): Destination[] {
  const parties = [...(manifest.processors ?? []), ...(manifest.recipients ?? [])];
  const processors = (manifest.processors ?? []).flatMap((p, i) => {
    const mechanism = p.transfer?.mechanism;
    const places: [string, ManifestPath][] = [
      ...(p.country ? [[p.country, ["processors", i, "country"]] as [string, ManifestPath]] : []),
      ...(p.locations ?? []).map((c, j): [string, ManifestPath] => [c, ["processors", i, "locations", j]]),
    ];
    const seen = new Set<string>();
    return places.flatMap(([country, path]): Destination[] => {
      if (seen.has(country)) return [];
      seen.add(country);
      return [{ path, source: "processor", who: p.name, party: p.id, country, mechanism }];
    });
  });
  const recipients = (manifest.recipients ?? []).flatMap((r, i): Destination[] =>
    r.country ? [{ path: ["recipients", i], source: "recipient", who: r.id, party: r.id, country: r.country, mechanism: r.transfer?.mechanism }] : [],
  );
  const declared = manifest.activities.flatMap((a, i) =>
    Array.isArray(a.transfers)
      ? a.transfers.map((t, j): Destination => {
          const via = parties.find((r) => r.id === t.recipient);
          const mechanism = t.mechanism ?? via?.transfer?.mechanism;
          return { path: ["activities", i, "transfers", j], source: "activity", who: t.recipient ?? a.id, ...(t.recipient && { party: t.recipient }), activity: a.id, country: t.to, mechanism };
        })
      : [],
  );
  // A cookie's provider receives what the cookie collects; its mechanism is the matching party's, if listed.
  // A provider already checked for that country as a processor or recipient is not reported twice.
  const checked = new Set([...processors, ...recipients].map((d) => `${d.who}|${d.country}`));
  const cookies = (manifest.cookies ?? []).flatMap((c, i): Destination[] => {
    if (!c.country) return [];
    const via = parties.find((r) => r.id === c.provider || r.name === c.provider);
    const names = via ? [via.id, typeof via.name === "string" ? via.name : via.id] : [];
    if (names.some((n) => checked.has(`${n}|${c.country}`))) return [];
    const who = `${c.provider}, cookie "${c.name}"`;
    return [{ path: ["cookies", i, "country"], source: "cookie", who, ...(via && { party: via.id }), country: c.country, mechanism: via?.transfer?.mechanism }];
  });
  return [...processors, ...recipients, ...declared, ...cookies];
}
