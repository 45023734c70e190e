/** `register`, `login`, `logout`, `whoami`: who the CLI acts as. */
import type { Command } from "commander";
import type { CliApp } from "../app.js";
import { configFile, keyFile, removeStoredKey, storeKey, updateConfig } from "../config.js";
import type { CliContext } from "../context.js";
import { UsageError } from "../errors.js";
import { listArgument } from "../json-input.js";
import { fields } from "../output.js";
import { micro, showMicro } from "./values.js";

interface RegisterOptions {
  description?: string;
  capabilities?: string;
  callbackUrl?: string;
  email?: string;
}

/** An explicit --api-url on register/login is remembered, so later commands talk to the same API. */
async function rememberApiUrl(ctx: CliContext): Promise<void> {
  if (ctx.globals.apiUrl) await updateConfig(ctx.env, { apiUrl: ctx.apiUrl });
}

async function readKeyFromStdin(ctx: CliContext): Promise<string> {
  if (ctx.io.stdin.isTTY)
    throw new UsageError("pass the API key: `justpay login <api-key>` or `echo $KEY | justpay login`");
  const chunks: Buffer[] = [];
  for await (const chunk of ctx.io.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const key = Buffer.concat(chunks).toString("utf8").trim();
  if (!key) throw new UsageError("no API key on stdin");
  return key;
}

export function registerAuthCommands(program: Command, app: CliApp): void {
  program
    .command("register")
    .description("register a new agent and store its API key")
    .argument("<name>", "2-50 chars: letters, digits, _ and -")
    .option("--description <text>", "what the agent does (max 500 chars)")
    .option("--capabilities <list>", "comma-separated, e.g. summarization,nlp")
    .option("--callback-url <url>", "webhook URL for job notifications")
    .option("--email <email>", "for account recovery")
    .action(
      app.action<RegisterOptions>(async (ctx, [name], o) => {
        const capabilities = listArgument(o.capabilities);
        const agent = await ctx.anonymousClient().auth.register({
          name: name!,
          ...(o.description !== undefined ? { description: o.description } : {}),
          ...(capabilities ? { capabilities } : {}),
          ...(o.callbackUrl !== undefined ? { callbackUrl: o.callbackUrl } : {}),
          ...(o.email !== undefined ? { email: o.email } : {}),
        });
        const path = await storeKey(ctx.env, agent.apiKey);
        await rememberApiUrl(ctx);
        ctx.out.result({ ...agent, keyFile: path }, () =>
          [
            `Registered ${agent.name} (${agent.agentId}).`,
            fields([
              ["wallet", agent.walletAddress],
              ["activated", agent.activated],
              ["api key", `${agent.apiKey}  (shown once; stored in ${path})`],
            ]),
            agent.activated
              ? ""
              : `Activate it with at least 1 USDC: \`justpay fund 5\` on a local API, or send USDC to ${agent.walletAddress} and run \`justpay fund --confirm\`.`,
          ]
            .filter(Boolean)
            .join("\n"),
        );
      }),
    );

  program
    .command("login")
    .description("store an existing API key (read from stdin when not given), after checking it")
    .argument("[api-key]", "the key; omit it to read it from stdin and keep it out of shell history")
    .action(
      app.action(async (ctx, [given]) => {
        const key = given ?? (await readKeyFromStdin(ctx));
        const who = await (await ctx.client(key)).auth.verify();
        const path = await storeKey(ctx.env, key);
        await rememberApiUrl(ctx);
        ctx.out.result(
          { ...who, keyFile: path },
          () => `Logged in as ${who.name} (${who.agentId}); key stored in ${path}.`,
        );
      }),
    );

  program
    .command("logout")
    .description("delete the stored API key")
    .action(
      app.action(async (ctx) => {
        const removed = await removeStoredKey(ctx.env);
        ctx.out.result({ removed, keyFile: keyFile(ctx.env) }, () =>
          removed ? `Deleted ${keyFile(ctx.env)}.` : "No stored API key.",
        );
      }),
    );

  program
    .command("whoami")
    .description("the agent the CLI acts as: profile, activation and balances")
    .action(
      app.action(async (ctx) => {
        const me = await (await ctx.client()).agents.me();
        ctx.out.result({ ...me, apiUrl: ctx.apiUrl, configFile: configFile(ctx.env) }, () =>
          fields([
            ["name", me.name],
            ["agent id", me.id],
            ["wallet", me.walletAddress],
            ["activated", me.activated],
            ["verified", me.verified],
            ["trust score", (me as { trustScore?: number }).trustScore],
            ["available", showMicro(micro(me.balance.available))],
            ["escrowed", showMicro(micro(me.balance.escrowed))],
            ["withdrawal address", me.withdrawalAddress],
            ["emergency address", me.emergencyAddress],
            ["api", ctx.apiUrl],
          ]),
        );
      }),
    );
}
