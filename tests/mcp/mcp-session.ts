/**
 * An MCP client session against the real stdio entry, spawned the way an MCP client config
 * starts it (`node … sdk/src/mcp/stdio.ts` with JUSTPAY_API_URL and JUSTPAY_API_KEY), and the
 * tool answers read back as JSON.
 */
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

const ROOT = resolve(__dirname, "../..");
const STDIO_ENTRY = "sdk/src/mcp/stdio.ts";

export interface McpSession {
  client: Client;
  /** Calls a tool that must succeed and parses its JSON text. */
  call(name: string, args?: Record<string, unknown>): Promise<any>;
  /** Calls a tool that must fail and returns its error text. */
  callFailing(name: string, args?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

export async function openMcpSession(env: { JUSTPAY_API_URL: string; JUSTPAY_API_KEY?: string }): Promise<McpSession> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ["--import", "tsx", "--conditions=@justpay/source", STDIO_ENTRY],
    cwd: ROOT,
    env: { ...env, LOG_LEVEL: "silent" } as Record<string, string>,
    stderr: "pipe",
  });
  const stderr: string[] = [];
  transport.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk.toString()));
  const client = new Client({ name: "justpay-mcp-test", version: "0.0.0" });
  try {
    await client.connect(transport);
  } catch (e) {
    throw new Error(`the MCP server did not start: ${(e as Error).message}\n${stderr.join("")}`);
  }
  const callRaw = async (name: string, args: Record<string, unknown> = {}) =>
    (await client.callTool({ name, arguments: args })) as CallToolResult;
  const textOf = (result: CallToolResult) => {
    const [first] = result.content;
    assert.ok(first && first.type === "text", `a text answer: ${JSON.stringify(result)}`);
    return first.text;
  };
  return {
    client,
    async call(name, args) {
      const result = await callRaw(name, args);
      assert.ok(!result.isError, `${name} failed: ${JSON.stringify(result.content)}`);
      return JSON.parse(textOf(result));
    },
    async callFailing(name, args) {
      const result = await callRaw(name, args);
      assert.equal(result.isError, true, `${name} should fail: ${JSON.stringify(result.content)}`);
      return textOf(result);
    },
    close: () => client.close(),
  };
}
