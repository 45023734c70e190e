/**
 * `mcp`: the JustPay MCP server over stdio, acting as the CLI's agent (its API URL and key),
 * for an MCP client that spawns `justpay mcp`. Stdout carries the protocol, so this command
 * prints nothing there itself.
 */
import type { Command } from "commander";
import type { CliApp } from "../app.js";

export function registerMcpCommand(program: Command, app: CliApp): void {
  program
    .command("mcp")
    .description("run the JustPay MCP server on stdio, as the configured agent (for Claude Desktop, IDEs, agents)")
    .action(
      app.action(async (ctx) => {
        // Loaded only here: the MCP SDK is not needed by any other command.
        const { runMcpServer } = await import("../../mcp/index.js");
        const apiKey = await ctx.apiKey().catch(() => undefined);
        await runMcpServer({
          env: { ...ctx.env, JUSTPAY_API_URL: ctx.apiUrl, ...(apiKey ? { JUSTPAY_API_KEY: apiKey } : {}) },
        });
        ctx.keepAlive = true;
      }),
    );
}
