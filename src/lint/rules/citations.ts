import type { Jurisdiction } from "../../law/index.ts";

const planet49 = "CJEU C-673/17 Planet49";

/**
 * Where the ePrivacy rule on cookies (storing or reading information on a device) is found.
 * Romania transposed Directive 2002/58 art. 5(3) in Law 506/2004 art. 4(5); for the other EU/EEA
 * states Registru has no national act on file, so it cites the Directive as transposed there.
 */
export function cookieLaw(law: Jurisdiction): string {
  if (law.code === "RS") {
    return "ZZPL čl. 12(1)(1), 15; Zakon o elektronskim komunikacijama (storing information on terminal equipment)";
  }
  if (law.code === "RO") return `Law 506/2004 art. 4(5); Directive 2002/58 art. 5(3); ${planet49}`;
  return `Directive 2002/58 art. 5(3) as transposed in ${law.code}; ${planet49}`;
}
