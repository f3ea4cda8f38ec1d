import type { Command } from "commander";
import { createWebhook, disableWebhook, listWebhooks } from "../../webhooks/index.ts";
import type { Io } from "../io.ts";
import { withRuntime } from "../runtime.ts";

const list = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);

/** Webhooks per organisation: the signing secret is printed once, at creation, and never again. */
export function registerWebhookCommands(program: Command, io: Io) {
  const webhook = program.command("webhook").description("webhooks of an organisation (consent and policy events, signed)");

  webhook
    .command("create")
    .description("subscribe a URL to events; the signing secret is shown only now")
    .requiredOption("--org <slug>", "organisation slug")
    .requiredOption("--url <url>", "https:// or http:// URL that receives the events")
    .option("--events <list>", "comma-separated: consent.given, consent.refused, consent.withdrawn, consent.expired, policy.applied, or *", "*")
    .action(async (opts: { org: string; url: string; events: string }) => {
      const created = await withRuntime((rt) => createWebhook(rt.ctx, opts.org, { url: opts.url, events: list(opts.events) }, { actor: "cli" }));
      io.out(created.secret);
      io.err(`${opts.org}: webhook ${created.webhookId} created for ${created.events.join(", ")}; the line above is its signing secret, store it now, it is not shown again`);
    });

  webhook
    .command("list")
    .description("the organisation's webhooks, active and disabled")
    .requiredOption("--org <slug>", "organisation slug")
    .action(async (opts: { org: string }) => {
      const rows = await withRuntime((rt) => listWebhooks(rt.ctx, opts.org));
      if (rows.length === 0) io.err(`${opts.org}: no webhooks`);
      for (const w of rows) {
        const state = w.disabledAt ? `disabled ${w.disabledAt.toISOString()}` : "active";
        io.out(`${w.webhookId}\t${state}\t${w.events.join(",")}\t${w.url}\tcreated ${w.createdAt.toISOString()}`);
      }
    });

  webhook
    .command("disable")
    .description("stop sending events to a webhook")
    .requiredOption("--org <slug>", "organisation slug")
    .argument("<webhook-id>", "the webhook id (wh_...)")
    .action(async (webhookId: string, opts: { org: string }) => {
      await withRuntime((rt) => disableWebhook(rt.ctx, opts.org, webhookId, { actor: "cli" }));
      io.out(`${opts.org}: webhook ${webhookId} disabled`);
    });
}
