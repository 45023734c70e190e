/** `services list|search|show|create`: the marketplace's listings. */
import type { Command } from "commander";
import { parseUsdcAmount } from "../amounts.js";
import type { CliApp } from "../app.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../errors.js";
import { intArgument, listArgument, readJsonArgument } from "../json-input.js";
import { fields, pageFooter } from "../output.js";
import { microCell, showMicro } from "./values.js";

interface DiscoverOptions {
  category?: string;
  tags?: string;
  minPrice?: string;
  maxPrice?: string;
  sort?: string;
  page: string;
  limit: string;
}

interface CreateOptions {
  file?: string;
  name?: string;
  description?: string;
  category?: string;
  price?: string;
  tags?: string;
  inputSchema?: string;
  outputSchema?: string;
  model?: string;
  modelProvider?: string;
  maxExecutionTime?: string;
  autoAccept: boolean;
}

const SORTS = ["price", "rating", "completedJobs", "newest"];

function discoverOptions(command: Command): Command {
  return command
    .option("--category <category>")
    .option("--tags <list>", "comma-separated")
    .option("--min-price <usdc>")
    .option("--max-price <usdc>")
    .option("--sort <by>", SORTS.join(", "))
    .option("--page <n>", "from 1", "1")
    .option("--limit <n>", "1-100", "20");
}

async function discover(ctx: CliContext, o: DiscoverOptions, search?: string): Promise<void> {
  if (o.sort && !SORTS.includes(o.sort)) throw new UsageError(`--sort must be one of ${SORTS.join(", ")}`);
  const tags = listArgument(o.tags);
  const page = await ctx.anonymousClient().services.discover({
    page: intArgument(o.page, "--page"),
    limit: intArgument(o.limit, "--limit"),
    ...(search ? { search } : {}),
    ...(o.category ? { category: o.category } : {}),
    ...(tags ? { tags: tags.join(",") } : {}),
    ...(o.minPrice ? { minPrice: parseUsdcAmount(o.minPrice, "--min-price") } : {}),
    ...(o.maxPrice ? { maxPrice: parseUsdcAmount(o.maxPrice, "--max-price") } : {}),
    ...(o.sort ? { sortBy: o.sort } : {}),
  } as never);
  ctx.out.list(
    page,
    page.services,
    [
      { header: "ID", cell: (s) => s.id },
      { header: "NAME", cell: (s) => s.name, max: 32 },
      { header: "CATEGORY", cell: (s) => s.category },
      { header: "USDC", cell: (s) => microCell(s.pricePerJob) },
      { header: "PROVIDER", cell: (s) => s.provider.name },
      { header: "TRUST", cell: (s) => s.provider.trustScore.toFixed(2) },
    ],
    search ? `No services match "${search}".` : "No services.",
    pageFooter(page.pagination),
  );
}

async function createBody(o: CreateOptions): Promise<Record<string, unknown>> {
  const base = o.file ? await readJsonArgument(`@${o.file}`, "--file") : {};
  if (!base || typeof base !== "object" || Array.isArray(base)) throw new UsageError("--file must hold a JSON object");
  const body: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  const tags = listArgument(o.tags);
  if (o.name !== undefined) body.name = o.name;
  if (o.description !== undefined) body.description = o.description;
  if (o.category !== undefined) body.category = o.category;
  if (o.price !== undefined) body.pricePerJob = parseUsdcAmount(o.price, "--price");
  if (tags) body.tags = tags;
  if (o.inputSchema !== undefined) body.inputSchema = await readJsonArgument(o.inputSchema, "--input-schema");
  if (o.outputSchema !== undefined) body.outputSchema = await readJsonArgument(o.outputSchema, "--output-schema");
  if (o.model !== undefined) body.model = o.model;
  if (o.modelProvider !== undefined) body.modelProvider = o.modelProvider;
  if (o.maxExecutionTime !== undefined)
    body.maxExecutionTimeSecs = intArgument(o.maxExecutionTime, "--max-execution-time");
  if (!o.autoAccept) body.autoAccept = false;
  // Any JSON object is a schema the API accepts; a service that takes and returns free-form objects needs no more.
  body.inputSchema ??= { type: "object" };
  body.outputSchema ??= { type: "object" };
  const missing = ["name", "description", "category", "pricePerJob"].filter((k) => body[k] === undefined);
  if (missing.length)
    throw new UsageError(
      `services create needs ${missing.map((k) => (k === "pricePerJob" ? "--price" : `--${k}`)).join(", ")}`,
    );
  return body;
}

export function registerServiceCommands(program: Command, app: CliApp): void {
  const services = program.command("services").description("the marketplace's services");

  discoverOptions(services.command("list").description("browse active services")).action(
    app.action<DiscoverOptions>(async (ctx, _args, o) => discover(ctx, o)),
  );

  discoverOptions(
    services.command("search").description("services whose name or description matches").argument("<text>"),
  ).action(app.action<DiscoverOptions>(async (ctx, [text], o) => discover(ctx, o, text)));

  services
    .command("show")
    .description("one service, with its schemas")
    .argument("<service-id>")
    .action(
      app.action(async (ctx, [id]) => {
        const s = await ctx.anonymousClient().services.get(id!);
        ctx.out.result(s, () =>
          fields([
            ["id", s.id],
            ["name", s.name],
            ["description", s.description],
            ["category", s.category],
            ["tags", s.tags.join(", ") || "-"],
            ["price", showMicro(s.pricePerJob)],
            ["provider", `${s.provider.name} (${s.provider.id}), trust ${s.provider.trustScore.toFixed(2)}`],
            ["auto-accept", s.autoAccept],
            ["max execution", `${s.maxExecutionTimeSecs}s`],
            ["active", s.isActive],
            ["input schema", s.inputSchema],
            ["output schema", s.outputSchema],
          ]),
        );
      }),
    );

  services
    .command("create")
    .description("list a service (the agent must be activated)")
    .option("--file <path>", "a JSON body (the seed's POST /services fields); flags override it")
    .option("--name <name>", "2-100 chars")
    .option("--description <text>", "10-2000 chars")
    .option("--category <category>")
    .option("--price <usdc>", "per job, e.g. 0.50")
    .option("--tags <list>", "comma-separated, max 10")
    .option("--input-schema <json>", 'JSON Schema of the input (JSON, @file or -); default {"type":"object"}')
    .option("--output-schema <json>", 'JSON Schema of the output; default {"type":"object"}')
    .option("--model <model>")
    .option("--model-provider <provider>")
    .option("--max-execution-time <secs>", "5-3600")
    .option("--no-auto-accept", "accept each job by hand (`justpay jobs start <id>`)")
    .action(
      app.action<CreateOptions>(async (ctx, _args, o) => {
        const body = await createBody(o);
        const s = await (await ctx.client()).services.create(body as never);
        ctx.out.result(s, () => `Created service ${s.id}: ${s.name} at ${showMicro(s.pricePerJob)} per job.`);
      }),
    );
}
