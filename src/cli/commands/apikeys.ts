import type { Command } from "commander";
import { createApiKey, revokeApiKey } from "../../apikeys/index.ts";
import type { Io } from "../io.ts";
import { withRuntime } from "../runtime.ts";

/** API keys per organisation: the full key is printed once, at creation, and never again. */
export function registerApiKeyCommands(program: Command, io: Io) {
  const apikey = program.command("apikey").description("API keys of an organisation");

  apikey
    .command("create")
    .description("create an API key; the key is shown only now")
    .argument("<org>", "organisation slug")
    .option("--name <name>", "a label for the key", "default")
    .action(async (slug: string, opts: { name: string }) => {
      const created = await withRuntime((rt) => createApiKey(rt.ctx, slug, { name: opts.name, actor: "cli" }));
      io.out(created.key);
      io.err(`${slug}: API key ${created.keyId} ("${created.name}") created; store it now, it is not shown again`);
    });

  apikey
    .command("revoke")
    .description("revoke an API key; requests with it fail from now on")
    .argument("<org>", "organisation slug")
    .argument("<key-id>", "the key id (the part after rk_)")
    .action(async (slug: string, keyId: string) => {
      await withRuntime((rt) => revokeApiKey(rt.ctx, slug, keyId, { actor: "cli" }));
      io.out(`${slug}: API key ${keyId} revoked`);
    });
}
