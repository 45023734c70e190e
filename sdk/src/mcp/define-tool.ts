/**
 * One way to add a tool: its input schema is a zod object (listed to clients as JSON Schema and
 * checked by the MCP server before `run`), its answer goes through `jsonResult`, and any
 * failure through `errorResult`.
 */
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { z } from "zod";
import type { JustPayClient } from "../client/index.js";
import { errorResult, jsonResult } from "./tool-result.js";

export interface ToolContext {
  client: JustPayClient;
  /** Named in the message when the API cannot be reached. */
  apiUrl?: string;
}

export interface ToolDefinition<S extends z.ZodObject> {
  name: string;
  title: string;
  description: string;
  inputSchema: S;
  /** True for tools that only read (MCP clients may run those without asking). */
  readOnly?: boolean;
  run(client: JustPayClient, args: z.output<S>): Promise<unknown>;
}

export function defineTool<S extends z.ZodObject>(definition: ToolDefinition<S>): ToolDefinition<S> {
  return definition;
}

export function addTool<S extends z.ZodObject>(server: McpServer, ctx: ToolContext, tool: ToolDefinition<S>): void {
  const handler = async (args: z.output<S>): Promise<CallToolResult> => {
    try {
      return jsonResult(await tool.run(ctx.client, args));
    } catch (error) {
      return errorResult(error, ctx.apiUrl);
    }
  };
  server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: tool.inputSchema,
      annotations: { title: tool.title, readOnlyHint: tool.readOnly ?? false, openWorldHint: true },
    },
    handler as never,
  );
}
