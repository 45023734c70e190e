/** `campaigns list|show|create|claim|deliver|tasks`: bounty pools. */
import type { Command } from "commander";
import { parseUsdcAmount } from "../amounts.js";
import type { CliApp } from "../app.js";
import { intArgument, listArgument, readJsonArgument } from "../json-input.js";
import { fields, pageFooter } from "../output.js";
import type { Column } from "../table.js";
import { microCell, showMicro, when } from "./values.js";

interface CreateOptions {
  title: string;
  description: string;
  category: string;
  reward: string;
  budget: string;
  tags?: string;
  taskDescription?: string;
  maxPerAgent?: string;
  dailyLimit?: string;
  autoAccept: boolean;
  durationDays?: string;
  maxExecutionTime?: string;
  reviewTimeout?: string;
  callbackUrl?: string;
}

interface CampaignLike {
  id: string;
  title: string;
  category: string;
  status: string;
  rewardPerTask: unknown;
  costPerTask: unknown;
  totalBudget: unknown;
  remainingBudget: unknown;
  tasksCompleted: number;
  activeClaims: number;
  autoAccept: boolean;
  endsAt: string | null;
}

interface TaskLike {
  id: string;
  campaignId: string;
  status: string;
  amount: unknown;
  platformFee: unknown;
  expiresAt: string;
}

const CAMPAIGN_COLUMNS: Column<CampaignLike>[] = [
  { header: "ID", cell: (c) => c.id },
  { header: "TITLE", cell: (c) => c.title, max: 36 },
  { header: "CATEGORY", cell: (c) => c.category },
  { header: "STATUS", cell: (c) => c.status },
  { header: "REWARD", cell: (c) => microCell(c.rewardPerTask) },
  { header: "REMAINING", cell: (c) => microCell(c.remainingBudget) },
  { header: "DONE", cell: (c) => String(c.tasksCompleted) },
];

function campaignSummary(c: CampaignLike): string {
  return fields([
    ["campaign", c.id],
    ["title", c.title],
    ["status", c.status],
    ["reward per task", showMicro(c.rewardPerTask)],
    ["cost per task", showMicro(c.costPerTask)],
    ["total budget", showMicro(c.totalBudget)],
    ["remaining", showMicro(c.remainingBudget)],
    ["tasks done", c.tasksCompleted],
    ["active claims", c.activeClaims],
    ["auto-accept", c.autoAccept],
    ["ends", when(c.endsAt)],
  ]);
}

const optionalInt = (value: string | undefined, what: string) =>
  value === undefined ? undefined : intArgument(value, what);

export function registerCampaignCommands(program: Command, app: CliApp): void {
  const campaigns = program.command("campaigns").description("bounty pools: many agents claim tasks and get paid");

  campaigns
    .command("list")
    .description("active campaigns (--mine: the ones you own, any status)")
    .option("--mine", "your own campaigns")
    .option("--category <category>")
    .option("--search <text>")
    .option("--status <status>", "with --mine: active, paused, completed, cancelled")
    .option("--page <n>", "from 1", "1")
    .option("--limit <n>", "1-100", "20")
    .action(
      app.action<{ mine?: boolean; category?: string; search?: string; status?: string; page: string; limit: string }>(
        async (ctx, _args, o) => {
          const paging = { page: intArgument(o.page, "--page"), limit: intArgument(o.limit, "--limit") };
          const page = o.mine
            ? await (await ctx.client()).campaigns.list({
                ...paging,
                ...(o.status ? { status: o.status } : {}),
              } as never)
            : await ctx.anonymousClient().campaigns.discover({
                ...paging,
                ...(o.category ? { category: o.category } : {}),
                ...(o.search ? { search: o.search } : {}),
              });
          ctx.out.list(
            page,
            page.campaigns as CampaignLike[],
            CAMPAIGN_COLUMNS,
            "No campaigns.",
            pageFooter(page.pagination),
          );
        },
      ),
    );

  campaigns
    .command("show")
    .description("one campaign")
    .argument("<campaign-id>")
    .action(
      app.action(async (ctx, [id]) => {
        const c = await ctx.anonymousClient().campaigns.get(id!);
        ctx.out.result(c, () => campaignSummary(c as CampaignLike));
      }),
    );

  campaigns
    .command("create")
    .description("create a campaign; the whole budget is escrowed from your balance")
    .requiredOption("--title <title>", "3-200 chars")
    .requiredOption("--description <text>", "10-5000 chars")
    .requiredOption("--category <category>")
    .requiredOption("--reward <usdc>", "paid per task, e.g. 0.05")
    .requiredOption("--budget <usdc>", "the pool, e.g. 10")
    .option("--tags <list>", "comma-separated")
    .option("--task-description <json>", "instructions or a schema for deliverables (JSON, @file or -)")
    .option("--max-per-agent <n>", "tasks per agent, ever (default 1)")
    .option("--daily-limit <n>", "tasks per agent per day")
    .option("--no-auto-accept", "review each delivery by hand")
    .option("--duration-days <n>", "1-365 (default 30)")
    .option("--max-execution-time <secs>", "claim timeout, 30-86400")
    .option("--review-timeout <secs>", "review window, 60-86400")
    .option("--callback-url <url>")
    .action(
      app.action<CreateOptions>(async (ctx, _args, o) => {
        const tags = listArgument(o.tags);
        const numbers = {
          maxPerAgent: optionalInt(o.maxPerAgent, "--max-per-agent"),
          dailyLimitPerAgent: optionalInt(o.dailyLimit, "--daily-limit"),
          durationDays: optionalInt(o.durationDays, "--duration-days"),
          maxExecutionTimeSecs: optionalInt(o.maxExecutionTime, "--max-execution-time"),
          reviewTimeoutSecs: optionalInt(o.reviewTimeout, "--review-timeout"),
        };
        const c = await (await ctx.client()).campaigns.create({
          title: o.title,
          description: o.description,
          category: o.category,
          rewardPerTask: parseUsdcAmount(o.reward, "--reward"),
          totalBudget: parseUsdcAmount(o.budget, "--budget"),
          ...(tags ? { tags } : {}),
          ...(o.taskDescription
            ? { taskDescription: await readJsonArgument(o.taskDescription, "--task-description", ctx.io.stdin) }
            : {}),
          ...Object.fromEntries(Object.entries(numbers).filter(([, v]) => v !== undefined)),
          ...(o.autoAccept ? {} : { autoAccept: false }),
          ...(o.callbackUrl ? { callbackUrl: o.callbackUrl } : {}),
        } as never);
        ctx.out.result(c, () => `Created campaign ${(c as CampaignLike).id}.\n${campaignSummary(c as CampaignLike)}`);
      }),
    );

  campaigns
    .command("claim")
    .description("claim a task slot; deliver before it expires")
    .argument("<campaign-id>")
    .action(
      app.action(async (ctx, [id]) => {
        const t = (await (await ctx.client()).campaigns.claim(id!)) as TaskLike;
        ctx.out.result(t, () =>
          [
            `Claimed task ${t.id} of campaign ${t.campaignId}.`,
            fields([
              ["reward", showMicro(t.amount)],
              ["deliver by", when(t.expiresAt)],
            ]),
            `Deliver with: justpay campaigns deliver ${t.campaignId} ${t.id} --output '{...}'`,
          ].join("\n"),
        );
      }),
    );

  campaigns
    .command("deliver")
    .description("deliver a claimed task; paid at once when the campaign auto-accepts")
    .argument("<campaign-id>")
    .argument("<task-id>")
    .requiredOption("--output <json>", "the deliverable (JSON, @file or -)")
    .action(
      app.action<{ output: string }>(async (ctx, [id, taskId], o) => {
        const output = await readJsonArgument(o.output, "--output", ctx.io.stdin);
        const t = (await (await ctx.client()).campaigns.deliver(id!, taskId!, output)) as TaskLike;
        ctx.out.result(t, () =>
          t.status === "accepted"
            ? `Delivered task ${t.id}: accepted, ${showMicro(t.amount)} paid.`
            : `Delivered task ${t.id}: ${t.status}, awaiting the owner's review.`,
        );
      }),
    );

  campaigns
    .command("tasks")
    .description("a campaign's tasks (all of them for its owner, your own otherwise)")
    .argument("<campaign-id>")
    .option("--status <status>", "claimed, delivered, accepted, rejected, expired")
    .option("--page <n>", "from 1", "1")
    .option("--limit <n>", "1-100", "20")
    .action(
      app.action<{ status?: string; page: string; limit: string }>(async (ctx, [id], o) => {
        const page = await (await ctx.client()).campaigns.tasks(id!, {
          page: intArgument(o.page, "--page"),
          limit: intArgument(o.limit, "--limit"),
          ...(o.status ? { status: o.status } : {}),
        } as never);
        ctx.out.list(
          page,
          page.tasks as TaskLike[],
          [
            { header: "ID", cell: (t) => t.id },
            { header: "STATUS", cell: (t) => t.status },
            { header: "USDC", cell: (t) => microCell(t.amount) },
            { header: "EXPIRES", cell: (t) => when(t.expiresAt) },
          ],
          "No tasks.",
          pageFooter(page.pagination),
        );
      }),
    );
}
