/**
 * `runMcpServer`: the server over stdio for an MCP client (Claude Desktop, an IDE, an agent
 * framework) that spawns it, acting as the agent of `JUSTPAY_API_KEY` against `JUSTPAY_API_URL`.
 * Stdout carries the protocol, so nothing else may write there; diagnostics go to stderr.
 */
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { JustPayClient } from "../client/index.js";
import { createMcpServer } from "./server.js";

/** Where `npm start` serves the API. */
export const DEFAULT_API_URL = "http://127.0.0.1:3000";

export interface RunMcpServerOptions {
  env?: NodeJS.ProcessEnv;
}

export interface RunningMcpServer {
  close(): Promise<void>;
}

export function clientFromEnv(env: NodeJS.ProcessEnv): { client: JustPayClient; apiUrl: string } {
  const apiUrl = env.JUSTPAY_API_URL?.trim() || DEFAULT_API_URL;
  const apiKey = env.JUSTPAY_API_KEY?.trim() || undefined;
  return { client: new JustPayClient({ baseUrl: apiUrl, apiKey }), apiUrl };
}

export async function runMcpServer({ env = process.env }: RunMcpServerOptions = {}): Promise<RunningMcpServer> {
  const { client, apiUrl } = clientFromEnv(env);
  if (!env.JUSTPAY_API_KEY?.trim()) {
    // Public tools (discovery, open jobs) still work; the others answer the API's 401.
    process.stderr.write("justpay mcp: JUSTPAY_API_KEY is not set; only public tools will succeed\n");
  }
  const server = createMcpServer({ client, apiUrl });
  await server.connect(new StdioServerTransport());
  return { close: () => server.close() };
}
