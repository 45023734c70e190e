/**
 * The MCP server's own behaviour, in process (an in-memory transport) over a JustPayClient whose
 * `fetch` answers as scripted: the requests tools make, amounts shown both ways, the API's
 * refusals and an unreachable API as tool errors, arguments refused before any request, and the
 * client built from the environment. The real API is covered by mcp-flow.test.ts.
 */
import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { JustPayClient } from "@justpay/sdk/client";
import { clientFromEnv, createMcpServer, DEFAULT_API_URL } from "@justpay/sdk/mcp";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

interface Sent {
  method: string;
  url: string;
  body: unknown;
}

/** An MCP client on a server whose API answers `status` + `body` to every request, and what it was sent. */
async function scripted(status: number, body: unknown, baseUrl = "http://api.test") {
  const sent: Sent[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    sent.push({
      method: init?.method ?? "GET",
      url: String(input),
      body: typeof init?.body === "string" ? JSON.parse(init.body) : undefined,
    });
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  };
  const client = new JustPayClient({ baseUrl, apiKey: "jp_test", fetch, maxRetries: 0 });
  return { ...(await connected(client, baseUrl)), sent };
}

async function connected(client: JustPayClient, apiUrl: string) {
  const server = createMcpServer({ client, apiUrl });
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const mcp = new Client({ name: "mcp-tools-test", version: "0.0.0" });
  await mcp.connect(clientSide);
  const call = async (name: string, args: Record<string, unknown> = {}) => {
    const result = (await mcp.callTool({ name, arguments: args })) as CallToolResult;
    const [first] = result.content;
    assert.ok(first?.type === "text");
    return { isError: result.isError === true, text: first.text };
  };
  return { call, close: () => mcp.close() };
}

describe("MCP tools (in process)", () => {
  it("hire_service sends a direct job and shows every amount in micro-units and USDC", async () => {
    const job = { id: "job1", type: "direct", status: "accepted", amount: "500000", platformFee: "15000" };
    const { call, sent, close } = await scripted(201, { ...job, totalCost: "515000" });
    const answer = await call("hire_service", { serviceId: "svc1", input: { text: "hi" } });
    await close();

    assert.deepEqual(
      sent.map(({ method, url }) => [method, url]),
      [["POST", "http://api.test/api/v1/jobs"]],
    );
    assert.deepEqual(sent[0]!.body, { type: "direct", serviceId: "svc1", input: { text: "hi" } });
    assert.equal(answer.isError, false);
    assert.deepEqual(JSON.parse(answer.text), {
      id: "job1",
      type: "direct",
      status: "accepted",
      amount: { micro: "500000", usdc: "0.50" },
      platformFee: { micro: "15000", usdc: "0.015" },
      totalCost: { micro: "515000", usdc: "0.515" },
    });
  });

  it("get_balance keeps every digit of a micro amount", async () => {
    const balance = { available: "1234567", pending: "0", escrowed: "10", total: "1234577", withdrawalAddress: null };
    const { call, close } = await scripted(200, { ...balance, warnings: ["Address changed"] });
    const answer = JSON.parse((await call("get_balance")).text);
    await close();
    assert.deepEqual(answer.available, { micro: "1234567", usdc: "1.234567" });
    assert.deepEqual(answer.escrowed, { micro: "10", usdc: "0.00001" });
    assert.deepEqual(answer.pending, { micro: "0", usdc: "0.00" });
    assert.deepEqual(answer.warnings, ["Address changed"]);
    assert.equal(answer.withdrawalAddress, null);
  });

  it("an API refusal is a tool error with its status and message", async () => {
    const { call, close } = await scripted(409, { error: "Job is not in delivered state" });
    const answer = await call("accept_delivery", { jobId: "job1" });
    await close();
    assert.deepEqual(answer, { isError: true, text: "JustPay API error 409: Job is not in delivered state" });
  });

  it("invalid arguments are refused before any request, naming the field", async () => {
    const { call, sent, close } = await scripted(200, {});
    const answer = await call("deliver_campaign_task", { campaignId: "c1", output: { url: "x" } });
    const tooLong = await call("apply_to_open_job", { jobId: "j1", message: "x".repeat(2001) });
    await close();
    assert.equal(answer.isError, true);
    assert.match(answer.text, /taskId/);
    assert.equal(tooLong.isError, true);
    assert.match(tooLong.text, /message/);
    assert.deepEqual(sent, []);
  });

  it("an unreachable API is a tool error naming its address", async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const { port } = closed.address() as AddressInfo;
    await new Promise((r) => closed.close(r));
    const apiUrl = `http://127.0.0.1:${port}`;
    const { call, close } = await connected(new JustPayClient({ baseUrl: apiUrl, maxRetries: 0 }), apiUrl);
    const answer = await call("browse_open_jobs");
    await close();
    assert.deepEqual(answer, { isError: true, text: `Could not reach the JustPay API at ${apiUrl}: ECONNREFUSED` });
  });

  it("the client comes from JUSTPAY_API_URL and JUSTPAY_API_KEY, the URL defaulting to npm start's", async () => {
    assert.equal(clientFromEnv({}).apiUrl, DEFAULT_API_URL);
    const seen: (string | undefined)[] = [];
    const api = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ valid: true }));
    });
    await new Promise<void>((r) => api.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    try {
      const { client, apiUrl } = clientFromEnv({ JUSTPAY_API_URL: ` ${url}/api/v1 `, JUSTPAY_API_KEY: "jp_from_env" });
      assert.equal(apiUrl, `${url}/api/v1`);
      await client.auth.verify();
    } finally {
      await new Promise((r) => api.close(r));
    }
    assert.deepEqual(seen, ["GET /api/v1/auth/verify Bearer jp_from_env"]);
  });
});
