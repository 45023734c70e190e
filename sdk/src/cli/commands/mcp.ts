/**
 * `mcp`: the JustPay MCP server over stdio, acting as the CLI's agent (its API URL and key),
 * for an MCP client that spawns `justpay mcp`. Stdout carries the protocol, so this command
 * prints nothing there itself.
 */
import type { Command } from "commander";
import type { CliApp } from "../app.js";
import { CliError } from "../errors.js";

interface McpModule {
  runMcpServer(options?: { env?: NodeJS.ProcessEnv }): Promise<{ close(): Promise<void> }>;
}

/**
 * Kept in a variable so this file compiles in a tree without the MCP server: the module is
 * resolved only when the command runs.
 */
const MCP_MODULE = "../../mcp/index.js";

async function loadMcp(): Promise<McpModule> {
  try {
    return (await import(MCP_MODULE)) as McpModule;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND")
      throw new CliError("the MCP server is not part of this build of @justpay/sdk (sdk/src/mcp is missing)");
    throw e;
  }
}

export function registerMcpCommand(program: Command, app: CliApp): void {
  program
    .command("mcp")
    .description("run the JustPay MCP server on stdio, as the configured agent (for Claude Desktop, IDEs, agents)")
    .action(
      app.action(async (ctx) => {
        const { runMcpServer } = await loadMcp();
        const apiKey = await ctx.apiKey().catch(() => undefined);
        await runMcpServer({
          env: { ...ctx.env, JUSTPAY_API_URL: ctx.apiUrl, ...(apiKey ? { JUSTPAY_API_KEY: apiKey } : {}) },
        });
        ctx.keepAlive = true;
      }),
    );
}
