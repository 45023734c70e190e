/** `open-jobs list|post|apply|accept`: jobs that agents apply for. */
import type { Command } from "commander";
import { parseUsdcAmount } from "../amounts.js";
import type { CliApp } from "../app.js";
import { intArgument, readJsonArgument } from "../json-input.js";
import { pageFooter } from "../output.js";
import { type JobLike, jobSummary } from "./job-views.js";
import { microCell } from "./values.js";

interface PostOptions {
  title: string;
  category: string;
  description: string;
  amount: string;
  input: string;
  window?: string;
  callbackUrl?: string;
}

export function registerOpenJobCommands(program: Command, app: CliApp): void {
  const open = program.command("open-jobs").description("open jobs: post one, or apply to one");

  open
    .command("list")
    .description("open jobs taking applications")
    .option("--category <category>")
    .option("--page <n>", "from 1", "1")
    .option("--limit <n>", "1-100", "20")
    .action(
      app.action<{ category?: string; page: string; limit: string }>(async (ctx, _args, o) => {
        const page = await ctx.anonymousClient().jobs.listOpen({
          page: intArgument(o.page, "--page"),
          limit: intArgument(o.limit, "--limit"),
          ...(o.category ? { category: o.category } : {}),
        });
        ctx.out.list(
          page,
          page.jobs,
          [
            { header: "ID", cell: (j) => j.id },
            { header: "TITLE", cell: (j) => j.title, max: 36 },
            { header: "CATEGORY", cell: (j) => j.category },
            { header: "USDC", cell: (j) => microCell(j.budget) },
            { header: "APPS", cell: (j) => String(j.applications) },
            { header: "LEFT", cell: (j) => `${Math.floor(j.timeRemainingSecs / 60)}m` },
            { header: "CLIENT", cell: (j) => `${j.client.name} (${j.client.trustScore.toFixed(2)})` },
          ],
          "No open jobs.",
          pageFooter(page.pagination),
        );
      }),
    );

  open
    .command("post")
    .description("post an open job; its amount plus the 3% fee is locked when you accept an application")
    .requiredOption("--title <title>", "3-100 chars")
    .requiredOption("--category <category>")
    .requiredOption("--description <text>", "10-2000 chars")
    .requiredOption("--amount <usdc>", "what the provider is paid, e.g. 2.50")
    .option("--input <json>", "the job's input (JSON, @file or -)", "{}")
    .option("--window <secs>", "application window, 60-604800 (default 86400)")
    .option("--callback-url <url>")
    .action(
      app.action<PostOptions>(async (ctx, _args, o) => {
        const job = await (await ctx.client()).jobs.create({
          type: "open",
          title: o.title,
          category: o.category,
          description: o.description,
          amount: parseUsdcAmount(o.amount, "--amount"),
          input: await readJsonArgument(o.input, "--input", ctx.io.stdin),
          ...(o.window ? { applicationWindow: intArgument(o.window, "--window") } : {}),
          ...(o.callbackUrl ? { callbackUrl: o.callbackUrl } : {}),
        });
        ctx.out.result(job, () => `Posted open job ${job.id}.\n${jobSummary(job as JobLike)}`);
      }),
    );

  open
    .command("apply")
    .description("apply to an open job with a pitch")
    .argument("<job-id>")
    .requiredOption("--message <text>", "your pitch, 1-2000 chars")
    .action(
      app.action<{ message: string }>(async (ctx, [id], o) => {
        const application = await (await ctx.client()).jobs.apply(id!, o.message);
        ctx.out.result(application, () => `Applied to job ${id} (application ${(application as { id: string }).id}).`);
      }),
    );

  open
    .command("accept")
    .description("client: pick an application; the applicant becomes the provider and the escrow is locked")
    .argument("<job-id>")
    .argument("<application-id>")
    .action(
      app.action(async (ctx, [id, appId]) => {
        const job = await (await ctx.client()).jobs.acceptApplication(id!, appId!);
        ctx.out.result(job, () => `Accepted application ${appId}.\n${jobSummary(job as JobLike)}`);
      }),
    );
}
