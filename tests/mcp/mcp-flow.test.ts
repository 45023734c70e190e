/**
 * The MCP server end to end: the real API listening on loopback, two funded agents, and two MCP
 * clients each spawning the stdio server with one agent's key. The client agent lists the tools
 * and hires; the provider delivers; the client accepts; the API's balances and the job agree. The
 * provider also finds work through its tools: an open job to apply to, a campaign task to deliver.
 */
import assert from "node:assert/strict";
import { startTestApi, type TestApi } from "@justpay/api/testing";
import { JustPayClient } from "@justpay/sdk/client";
import { type McpSession, openMcpSession } from "./mcp-session.js";

const PRICE = 500_000n;
const FEE = 15_000n; // 3%
const TOOL_NAMES = [
  "discover_services",
  "get_service",
  "hire_service",
  "get_job",
  "deliver_job",
  "accept_delivery",
  "browse_open_jobs",
  "apply_to_open_job",
  "claim_campaign_task",
  "deliver_campaign_task",
  "get_balance",
  "list_transactions",
];

/** A registered agent activated with 10 USDC from the dev faucet, and its key. */
async function fundedAgent(anon: JustPayClient, name: string): Promise<{ agent: JustPayClient; apiKey: string }> {
  const registered = await anon.auth.register({ name });
  const agent = anon.withApiKey(registered.apiKey);
  await anon.dev.fund(registered.walletAddress, 10_000_000);
  const confirmed = await agent.wallet.confirmDeposit();
  assert.equal(confirmed.activated, true);
  return { agent, apiKey: registered.apiKey };
}

describe("MCP server over stdio", function () {
  this.timeout(120_000);
  let api: TestApi;
  let apiUrl: string;
  let clientAgent: JustPayClient;
  let providerAgent: JustPayClient;
  let serviceId: string;
  let asClient: McpSession;
  let asProvider: McpSession;

  before(async () => {
    api = await startTestApi({ label: "mcp_flow" });
    apiUrl = await api.app.listen({ port: 0, host: "127.0.0.1" });
    const anon = new JustPayClient({ baseUrl: apiUrl });
    const client = await fundedAgent(anon, "mcp-client");
    const provider = await fundedAgent(anon, "mcp-provider");
    clientAgent = client.agent;
    providerAgent = provider.agent;
    const service = await providerAgent.services.create({
      name: "MCP Summarizer",
      description: "Summarizes a text into one line",
      category: "text-processing",
      inputSchema: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
      outputSchema: { type: "object", properties: { summary: { type: "string" } }, required: ["summary"] },
      pricePerJob: PRICE,
      autoAccept: true,
    });
    serviceId = service.id;
    [asClient, asProvider] = await Promise.all([
      openMcpSession({ JUSTPAY_API_URL: apiUrl, JUSTPAY_API_KEY: client.apiKey }),
      openMcpSession({ JUSTPAY_API_URL: apiUrl, JUSTPAY_API_KEY: provider.apiKey }),
    ]);
  });
  after(async () => {
    await Promise.allSettled([asClient?.close(), asProvider?.close()]);
    await api?.close();
  });

  it("lists every tool with a JSON Schema of its input", async () => {
    const { tools } = await asClient.client.listTools();
    assert.deepEqual(
      tools.map((t) => t.name),
      TOOL_NAMES,
    );
    for (const tool of tools) {
      assert.equal(tool.inputSchema.type, "object", tool.name);
      assert.ok(tool.description && tool.description.length > 20, `${tool.name} is described`);
    }
    const hire = tools.find((t) => t.name === "hire_service")!;
    assert.deepEqual(Object.keys(hire.inputSchema.properties ?? {}).sort(), ["callbackUrl", "input", "serviceId"]);
    assert.deepEqual([...(hire.inputSchema.required ?? [])].sort(), ["input", "serviceId"]);
    const deliver = tools.find((t) => t.name === "deliver_campaign_task")!;
    assert.deepEqual([...(deliver.inputSchema.required ?? [])].sort(), ["campaignId", "output", "taskId"]);
  });

  it("discovers the service with its price in micro-units and USDC", async () => {
    const found = await asClient.call("discover_services", { search: "summarizes" });
    const listed = found.services.find((s: { id: string }) => s.id === serviceId);
    assert.ok(listed, JSON.stringify(found));
    assert.deepEqual(listed.pricePerJob, { micro: "500000", usdc: "0.50" });
    assert.equal(listed.inputSchema, undefined, "summaries leave the schemas to get_service");
    const full = await asClient.call("get_service", { serviceId });
    assert.deepEqual(full.inputSchema.required, ["text"]);
  });

  it("hire (client) → deliver (provider) → accept (client): the provider is paid, the job completed", async () => {
    const before = { client: await clientAgent.wallet.balance(), provider: await providerAgent.wallet.balance() };

    // The client hires through MCP: price + 3% locked in escrow
    const job = await asClient.call("hire_service", { serviceId, input: { text: "A long text about agents." } });
    assert.equal(job.status, "accepted", "the service accepts automatically");
    assert.deepEqual(job.amount, { micro: "500000", usdc: "0.50" });
    assert.deepEqual(job.platformFee, { micro: "15000", usdc: "0.015" });
    assert.deepEqual(job.totalCost, { micro: "515000", usdc: "0.515" });
    const locked = await clientAgent.wallet.balance();
    assert.equal(locked.available, before.client.available - PRICE - FEE);
    assert.equal(locked.escrowed, before.client.escrowed + PRICE + FEE);

    // The provider delivers through its own MCP server
    const delivered = await asProvider.call("deliver_job", { jobId: job.id, output: { summary: "Agents pay." } });
    assert.equal(delivered.status, "delivered");

    // The client checks the job and accepts the delivery
    const checked = await asClient.call("get_job", { jobId: job.id });
    assert.equal(checked.status, "delivered");
    assert.deepEqual(checked.output, { summary: "Agents pay." });
    const accepted = await asClient.call("accept_delivery", { jobId: job.id });
    assert.equal(accepted.status, "completed");

    // Then the API agrees: the client spent price + fee, the provider earned the price
    assert.equal((await clientAgent.jobs.get(job.id)).status, "completed");
    const after = { client: await clientAgent.wallet.balance(), provider: await providerAgent.wallet.balance() };
    assert.equal(after.client.available, before.client.available - PRICE - FEE);
    assert.equal(after.client.escrowed, before.client.escrowed);
    assert.equal(after.provider.available, before.provider.available + PRICE);

    // And the MCP balance and ledger show the same numbers both ways
    const balance = await asProvider.call("get_balance");
    assert.deepEqual(balance.available, {
      micro: after.provider.available.toString(),
      usdc: (Number(after.provider.available) / 1e6).toFixed(2),
    });
    const earned = await asProvider.call("list_transactions", { type: "earned" });
    assert.deepEqual(
      earned.transactions.map((t: { amount: unknown }) => t.amount),
      [{ micro: "500000", usdc: "0.50" }],
    );
  });

  it("finds work as a provider: applies to an open job, claims and delivers a campaign task (paid at once)", async () => {
    const open = await clientAgent.jobs.create({
      type: "open",
      title: "Translate a product page",
      category: "translation",
      description: "Translate a short product page from English to French.",
      input: { words: 300 },
      amount: PRICE,
    });
    const browsed = await asProvider.call("browse_open_jobs", { category: "translation" });
    const listed = browsed.jobs.find((j: { id: string }) => j.id === open.id);
    assert.ok(listed, JSON.stringify(browsed));
    assert.deepEqual(listed.budget, { micro: "500000", usdc: "0.50" });
    const application = await asProvider.call("apply_to_open_job", { jobId: open.id, message: "Native speaker." });
    assert.equal(application.status, "pending");
    const applications = (await clientAgent.jobs.get(open.id)).applications ?? [];
    assert.deepEqual(
      applications.map((a) => [a.id, a.status]),
      [[application.id, "pending"]],
    );

    const campaign = await clientAgent.campaigns.create({
      title: "Review our docs",
      description: "Read one page of our docs and report a typo",
      category: "writing",
      rewardPerTask: 50_000n,
      totalBudget: 51_500n * 2n,
    });
    const before = await providerAgent.wallet.balance();
    const task = await asProvider.call("claim_campaign_task", { campaignId: campaign.id });
    assert.equal(task.status, "claimed");
    assert.deepEqual(task.amount, { micro: "50000", usdc: "0.05" });
    const delivered = await asProvider.call("deliver_campaign_task", {
      campaignId: campaign.id,
      taskId: task.id,
      output: { typo: "recieve" },
    });
    assert.equal(delivered.status, "accepted");
    assert.equal((await providerAgent.wallet.balance()).available, before.available + 50_000n);
  });

  it("bad input and API refusals come back as tool errors with the reason", async () => {
    const invalid = await asClient.callFailing("hire_service", { input: { text: "no service" } });
    assert.match(invalid, /serviceId/);
    const missing = await asClient.callFailing("get_job", { jobId: "no-such-job" });
    assert.match(missing, /^JustPay API error 404: /);
    const notProvider = await asClient.callFailing("deliver_job", { jobId: "no-such-job", output: {} });
    assert.match(notProvider, /JustPay API error 4\d\d/);
  });
});
