import { readdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Context } from "../context.ts";
import { loadManifestFile } from "../manifest/index.ts";
import { applyManifest, type AppliedVersion } from "./service.ts";

export const examplesDir = fileURLToPath(new URL("../../examples", import.meta.url));

/** Loads every example manifest as an organisation; the file name is the slug. */
export async function loadExampleOrganisations(ctx: Context, dir = examplesDir): Promise<AppliedVersion[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith(".yaml")).sort();
  const applied: AppliedVersion[] = [];
  for (const file of files) {
    const loaded = await loadManifestFile(join(dir, file));
    applied.push(await applyManifest(ctx, loaded, { slug: basename(file, ".yaml"), appliedBy: "registru:examples" }));
  }
  return applied;
}
