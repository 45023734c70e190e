/** `webhooks deliveries|replay`: the agent's webhook delivery log. */
import type { Command } from "commander";
import type { CliApp } from "../app.js";
import { intArgument } from "../json-input.js";
import { pageFooter } from "../output.js";
import { when } from "./values.js";

interface DeliveryLike {
  id: string;
  event: string;
  url: string;
  status: string;
  attempts: { at: string; statusCode: number | null; latencyMs: number; error: string | null }[];
  replays: number;
  createdAt: string;
}

function lastAttempt(d: DeliveryLike): string {
  const a = d.attempts[d.attempts.length - 1];
  if (!a) return "-";
  return a.statusCode !== null ? `${a.statusCode} in ${a.latencyMs}ms` : (a.error ?? "no answer");
}

export function registerWebhookCommands(program: Command, app: CliApp): void {
  const webhooks = program.command("webhooks").description("webhook deliveries to your callback URLs");

  webhooks
    .command("deliveries")
    .description("deliveries, newest first, with their last attempt")
    .option("--page <n>", "from 1", "1")
    .option("--limit <n>", "1-100", "20")
    .action(
      app.action<{ page: string; limit: string }>(async (ctx, _args, o) => {
        const page = await (await ctx.client()).webhooks.deliveries({
          page: intArgument(o.page, "--page"),
          limit: intArgument(o.limit, "--limit"),
        });
        ctx.out.list(
          page,
          page.deliveries as DeliveryLike[],
          [
            { header: "ID", cell: (d) => d.id },
            { header: "EVENT", cell: (d) => d.event },
            { header: "STATUS", cell: (d) => d.status },
            { header: "ATTEMPTS", cell: (d) => String(d.attempts.length) },
            { header: "LAST", cell: lastAttempt, max: 40 },
            { header: "WHEN", cell: (d) => when(d.createdAt) },
            { header: "URL", cell: (d) => d.url, max: 48 },
          ],
          "No webhook deliveries.",
          pageFooter(page.pagination),
        );
      }),
    );

  webhooks
    .command("replay")
    .description("send a finished delivery again (same webhook-id, new signature)")
    .argument("<delivery-id>")
    .action(
      app.action(async (ctx, [id]) => {
        const r = await (await ctx.client()).webhooks.replay(id!);
        ctx.out.result(r, () => `${r.message}: ${id}.`);
      }),
    );
}
