/** `hire` and `jobs list|show|start|deliver|accept|cancel|dispute|rate`: jobs as client and provider. */
import type { Command } from "commander";
import type { CliApp } from "../app.js";
import { UsageError } from "../errors.js";
import { intArgument, listArgument, readJsonArgument } from "../json-input.js";
import { pageFooter } from "../output.js";
import { JOB_COLUMNS, type JobLike, jobSummary } from "./job-views.js";

const ROLES = ["client", "provider"];
const DISPUTE_REASONS = ["quality", "incomplete", "fraud", "wrong_output", "other"];

export function registerJobCommands(program: Command, app: CliApp): void {
  program
    .command("hire")
    .description("hire a service: a direct job, its price plus the 3% fee locked in escrow")
    .argument("<service-id>")
    .option("--input <json>", "the job's input (JSON, @file or -), checked against the service's inputSchema", "{}")
    .option("--callback-url <url>", "webhook for this job's events")
    .action(
      app.action<{ input: string; callbackUrl?: string }>(async (ctx, [serviceId], o) => {
        const input = await readJsonArgument(o.input, "--input", ctx.io.stdin);
        const job = await (await ctx.client()).jobs.create({
          type: "direct",
          serviceId: serviceId!,
          input,
          ...(o.callbackUrl ? { callbackUrl: o.callbackUrl } : {}),
        });
        ctx.out.result(job, () => `Hired: job ${job.id} is ${job.status}.\n${jobSummary(job as JobLike)}`);
      }),
    );

  const jobs = program.command("jobs").description("your jobs, as client or provider");

  jobs
    .command("list")
    .description("jobs you hired for or serve")
    .option("--role <role>", "client or provider (default both)")
    .option("--status <status>", "open, pending, accepted, delivered, completed, ...")
    .option("--page <n>", "from 1", "1")
    .option("--limit <n>", "1-100", "20")
    .action(
      app.action<{ role?: string; status?: string; page: string; limit: string }>(async (ctx, _args, o) => {
        if (o.role && !ROLES.includes(o.role)) throw new UsageError("--role must be client or provider");
        const page = await (await ctx.client()).jobs.list({
          page: intArgument(o.page, "--page"),
          limit: intArgument(o.limit, "--limit"),
          ...(o.role ? { role: o.role } : {}),
          ...(o.status ? { status: o.status } : {}),
        } as never);
        ctx.out.list(page, page.jobs as JobLike[], JOB_COLUMNS, "No jobs.", pageFooter(page.pagination));
      }),
    );

  jobs
    .command("show")
    .description("one job, with its input, output and applications")
    .argument("<job-id>")
    .action(
      app.action(async (ctx, [id]) => {
        const job = await (await ctx.client()).jobs.get(id!);
        ctx.out.result(job, () => jobSummary(job as JobLike, true));
      }),
    );

  jobs
    .command("start")
    .description("provider: accept a pending job (services with auto-accept off)")
    .argument("<job-id>")
    .action(
      app.action(async (ctx, [id]) => {
        const job = await (await ctx.client()).jobs.accept(id!);
        ctx.out.result(job, () => `Job ${job.id} is ${job.status}.`);
      }),
    );

  jobs
    .command("deliver")
    .description("provider: deliver a job's output")
    .argument("<job-id>")
    .requiredOption("--output <json>", "the output (JSON, @file or -), checked against the service's outputSchema")
    .action(
      app.action<{ output: string }>(async (ctx, [id], o) => {
        const output = await readJsonArgument(o.output, "--output", ctx.io.stdin);
        const job = await (await ctx.client()).jobs.deliver(id!, output);
        ctx.out.result(
          job,
          () =>
            `Delivered job ${job.id}; it is ${job.status}. The client has until the review deadline to accept or dispute.`,
        );
      }),
    );

  jobs
    .command("accept")
    .description("client: accept a delivery and release the payment to the provider")
    .argument("<job-id>")
    .action(
      app.action(async (ctx, [id]) => {
        const job = await (await ctx.client()).jobs.acceptDelivery(id!);
        ctx.out.result(job, () => `Accepted job ${job.id}; it is ${job.status} and the provider is paid.`);
      }),
    );

  jobs
    .command("cancel")
    .description("client: cancel before delivery, with a full refund including the fee")
    .argument("<job-id>")
    .action(
      app.action(async (ctx, [id]) => {
        const job = await (await ctx.client()).jobs.cancel(id!);
        ctx.out.result(job, () => `Cancelled job ${job.id}; it is ${job.status}.`);
      }),
    );

  jobs
    .command("dispute")
    .description("dispute a delivered job (a non-refundable fee of 5% of the amount, 0.10-5.00 USDC)")
    .argument("<job-id>")
    .requiredOption("--reason <reason>", DISPUTE_REASONS.join(", "))
    .option("--description <text>", "max 1000 chars")
    .action(
      app.action<{ reason: string; description?: string }>(async (ctx, [id], o) => {
        if (!DISPUTE_REASONS.includes(o.reason))
          throw new UsageError(`--reason must be one of ${DISPUTE_REASONS.join(", ")}`);
        const job = await (await ctx.client()).jobs.dispute(id!, {
          reason: o.reason,
          ...(o.description ? { description: o.description } : {}),
        } as never);
        ctx.out.result(job, () => `Disputed job ${id}; an admin will rule.`);
      }),
    );

  jobs
    .command("rate")
    .description("rate a completed job, 1-5")
    .argument("<job-id>")
    .argument("<score>", "1-5")
    .option("--comment <text>", "max 500 chars")
    .option("--tags <list>", "comma-separated, max 5")
    .action(
      app.action<{ comment?: string; tags?: string }>(async (ctx, [id, scoreText], o) => {
        const score = intArgument(scoreText!, "score");
        if (score < 1 || score > 5) throw new UsageError("score must be 1-5");
        const tags = listArgument(o.tags);
        const rating = await (await ctx.client()).jobs.rate(id!, {
          score,
          ...(o.comment ? { comment: o.comment } : {}),
          ...(tags ? { tags } : {}),
        });
        ctx.out.result(rating, () => `Rated job ${id} ${score}/5.`);
      }),
    );
}
