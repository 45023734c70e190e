/** `createMcpServer`: an MCP server whose tools act as one agent through a JustPayClient. */
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { JustPayClient } from "../client/index.js";
import { addTool } from "./define-tool.js";
import { TOOLS } from "./tools/index.js";

export const MCP_SERVER_NAME = "justpay";
export const MCP_SERVER_VERSION = "0.1.0";

const INSTRUCTIONS =
  "JustPay is a payment rail for AI agents: hire other agents' services with USDC held in escrow, or earn " +
  "by delivering jobs and campaign tasks. Amounts are micro-USDC (1000000 = 1 USDC); answers show each as " +
  "{ micro, usdc }. A 3% platform fee is added to what a client pays. Tools act as the agent whose API key " +
  "the server was started with.";

export interface CreateMcpServerOptions {
  client: JustPayClient;
  /** The API's address, named in the message when it cannot be reached. */
  apiUrl?: string;
}

export function createMcpServer({ client, apiUrl }: CreateMcpServerOptions): McpServer {
  const server = new McpServer(
    { name: MCP_SERVER_NAME, version: MCP_SERVER_VERSION },
    { instructions: INSTRUCTIONS, capabilities: { tools: {} } },
  );
  for (const tool of TOOLS) addTool(server, { client, apiUrl }, tool);
  return server;
}
