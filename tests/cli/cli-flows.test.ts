/**
 * The CLI walks the marketplace end to end against a real API on a real port: two agents fund
 * themselves (local mode's dev/fund, then confirm-deposit), one lists a service and the other
 * hires it; the job is delivered and accepted with both balances checked; an open job is
 * posted, applied to and assigned; a campaign task is claimed and paid; the provider's webhook
 * deliveries are listed; a withdrawal reaches its address on-chain; and the vault is audited
 * over JSON-RPC (the local chain's RPC node) from chain data alone.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eventually } from "@justpay/api/testing";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { getAssociatedTokenAddressSync } from "@solana/spl-token";
import { Keypair } from "@solana/web3.js";
import { CliUser } from "./support/cli.js";
import { type ServedApi, serveTestApi } from "./support/served-api.js";
import { startShortVaultRpc } from "./support/short-vault-rpc.js";

/** How long a webhook delivery or a queued withdrawal may take to show. */
const SETTLE_MS = 30_000;

const tag = `cli${Date.now().toString(36)}`;

/** A webhook receiver that answers 200 to everything. */
async function startReceiver(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200).end("ok"));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, server };
}

describe("justpay CLI: money flows against a real API", function () {
  this.timeout(300_000);
  let served: ServedApi;
  let receiver: { url: string; server: Server };
  let client: CliUser;
  let provider: CliUser;
  let serviceId: string;

  const available = async (user: CliUser) => (await user.json(["balance"])).available as string;

  before(async () => {
    served = await serveTestApi("cli-flows");
    receiver = await startReceiver();
    client = await CliUser.create(served.url);
    provider = await CliUser.create(served.url);
    await client.json(["register", `client-${tag}`]);
    await provider.json(["register", `provider-${tag}`, "--callback-url", receiver.url]);
  });
  after(async () => {
    await client?.close();
    await provider?.close();
    receiver?.server.close();
    await served?.close();
  });

  it("fund sends test USDC, waits until it is credited, and activates the agent", async () => {
    const funded = await client.json(["fund", "20"]);
    assert.equal(funded.funded.amount, "20000000");
    assert.ok(funded.deposit.depositsFound >= 1);
    assert.equal(funded.deposit.activated, true);
    // 20 USDC in, the 1 USDC activation fee out
    assert.equal(funded.balance.available, "19000000");
    const text = await provider.text(["fund", "10"]);
    assert.match(text, /available:\s+9\.00 USDC \(9000000 micro-USDC\)/);
    assert.match(await client.text(["balance"]), /available:\s+19\.00 USDC \(19000000 micro-USDC\)/);
  });

  it("services create lists a service that services search finds", async () => {
    const created = await provider.json([
      "services",
      "create",
      "--name",
      `Summarizer ${tag}`,
      "--description",
      `Summarizes text into bullets (${tag})`,
      "--category",
      "text-processing",
      "--price",
      "0.50",
      "--input-schema",
      JSON.stringify({ type: "object", properties: { text: { type: "string" } }, required: ["text"] }),
    ]);
    serviceId = created.id;
    assert.equal(created.pricePerJob, "500000");
    const found = await client.json(["services", "search", tag]);
    assert.deepEqual(
      found.services.map((s: { id: string }) => s.id),
      [serviceId],
    );
    const table = await client.text(["services", "list", "--category", "text-processing"]);
    assert.match(table, new RegExp(`${serviceId}\\s+Summarizer ${tag}\\s+text-processing\\s+0\\.50`));
  });

  it("hire → jobs deliver → jobs accept moves the escrow to the provider", async () => {
    // When the client hires the service (0.50 + 3 % fee locked)
    const job = await client.json(["hire", serviceId, "--input", JSON.stringify({ text: "a long document" })]);
    assert.deepEqual(
      [job.status, job.amount, job.platformFee, job.totalCost],
      ["accepted", "500000", "15000", "515000"],
    );
    const locked = await client.json(["balance"]);
    assert.deepEqual([locked.available, locked.escrowed], ["18485000", "515000"]);
    // And the provider sees it and delivers
    const mine = await provider.json(["jobs", "list", "--role", "provider"]);
    assert.ok(mine.jobs.some((j: { id: string }) => j.id === job.id));
    const delivered = await provider.json([
      "jobs",
      "deliver",
      job.id,
      "--output",
      JSON.stringify({ bullets: ["one"] }),
    ]);
    assert.equal(delivered.status, "delivered");
    // And the client accepts the delivery
    const accepted = await client.json(["jobs", "accept", job.id]);
    assert.equal(accepted.status, "completed");
    // Then the provider is paid the amount, and the client's escrow is released
    assert.equal(await available(provider), "9500000");
    const after = await client.json(["balance"]);
    assert.deepEqual([after.available, after.escrowed], ["18485000", "0"]);
    assert.match(await client.text(["jobs", "show", job.id]), /status:\s+completed/);
  });

  it("open-jobs post → apply → accept assigns the applicant and locks the escrow", async () => {
    const posted = await client.json([
      "open-jobs",
      "post",
      "--title",
      `Logo ${tag}`,
      "--category",
      "image-generation",
      "--description",
      "A minimalist logo in blue and white",
      "--amount",
      "1",
    ]);
    assert.equal(posted.status, "open");
    const listed = await provider.json(["open-jobs", "list", "--category", "image-generation"]);
    const listing = listed.jobs.find((j: { id: string }) => j.id === posted.id);
    assert.equal(listing?.budget, "1000000");
    const application = await provider.json(["open-jobs", "apply", posted.id, "--message", "I draw logos"]);
    assert.ok(application.id);
    const assigned = await client.json(["open-jobs", "accept", posted.id, application.id]);
    assert.equal(assigned.status, "accepted");
    assert.equal(assigned.providerAgentId, (await provider.json(["whoami"])).id);
    // 1 USDC + 0.03 fee locked
    assert.equal((await client.json(["balance"])).escrowed, "1030000");
  });

  it("campaigns create → claim → deliver pays the task at once when auto-accepting", async () => {
    const campaign = await client.json([
      "campaigns",
      "create",
      "--title",
      `Tweet ${tag}`,
      "--description",
      "Tweet about the launch with #launch",
      "--category",
      "social-media",
      "--reward",
      "0.05",
      "--budget",
      "1",
    ]);
    assert.deepEqual([campaign.rewardPerTask, campaign.status], ["50000", "active"]);
    const discovered = await provider.json(["campaigns", "list", "--search", tag]);
    assert.deepEqual(
      discovered.campaigns.map((c: { id: string }) => c.id),
      [campaign.id],
    );
    const before = BigInt(await available(provider));
    const task = await provider.json(["campaigns", "claim", campaign.id]);
    assert.equal(task.status, "claimed");
    const delivered = await provider.json([
      "campaigns",
      "deliver",
      campaign.id,
      task.id,
      "--output",
      JSON.stringify({ tweet_url: "https://x.com/a/status/1" }),
    ]);
    assert.equal(delivered.status, "accepted");
    assert.equal(BigInt(await available(provider)) - before, 50_000n);
  });

  it("webhooks deliveries lists what was sent to the provider's callback URL", async () => {
    const page = await eventually(
      "a delivered webhook",
      async () => {
        const p = await provider.json(["webhooks", "deliveries"]);
        return p.deliveries.some((d: { status: string }) => d.status === "delivered") ? p : undefined;
      },
      SETTLE_MS,
    );
    const created = page.deliveries.find((d: { event: string }) => d.event === "job.created");
    assert.ok(created, JSON.stringify(page.deliveries.map((d: { event: string }) => d.event)));
    assert.equal(created.url, receiver.url);
    assert.match(await provider.text(["webhooks", "deliveries"]), /job\.created/);
  });

  it("withdraw --to sets the address and the net amount arrives there on-chain", async () => {
    const to = Keypair.generate().publicKey;
    const w = await provider.json(["withdraw", "5", "--to", to.toBase58()]);
    assert.deepEqual([w.fee, w.netAmount], ["100000", "4900000"]);
    const ata = getAssociatedTokenAddressSync(served.api.ctx.platform.usdcMint, to, true);
    const received = await eventually(
      "the withdrawal on-chain",
      async () => {
        const account = await served.api.chain.getAccount(ata);
        return account ? account.data.readBigUInt64LE(64) : undefined;
      },
      SETTLE_MS,
    );
    assert.equal(received, 4_900_000n);
  });

  it("mcp serves the MCP protocol on stdio as the CLI's stored agent", async () => {
    // Given the provider's CLI, logged in through its key file only (no JUSTPAY_API_KEY)
    const transport = new StdioClientTransport({
      ...provider.command(["mcp"]),
      env: provider.env({ LOG_LEVEL: "silent" }),
      stderr: "pipe",
    });
    const mcp = new Client({ name: "justpay-cli-test", version: "0.0.0" });
    await mcp.connect(transport);
    try {
      // When an MCP client asks for the balance
      const result = (await mcp.callTool({ name: "get_balance", arguments: {} })) as CallToolResult;
      // Then it is the provider's, as `justpay balance` reads it
      assert.ok(!result.isError, JSON.stringify(result.content));
      const [first] = result.content;
      assert.ok(first?.type === "text");
      assert.equal(JSON.parse(first.text).available.micro, await available(provider));
    } finally {
      await mcp.close();
    }
  });

  describe("audit over JSON-RPC", () => {
    // The local chain's own RPC node, which local mode serves beside the API (JUSTPAY_CHAIN_RPC_PORT).
    let standin: { url: string };
    before(() => {
      const rpc = served.api.stack.chainRpc;
      assert.ok(rpc, "the test API serves its chain over JSON-RPC");
      standin = rpc;
    });

    it("passes on the platform the flows above used, exit 0", async () => {
      const programId = served.api.chain.programId.toBase58();
      const report = await client.json(["audit", "--rpc", standin.url, "--program-id", programId]);
      assert.equal(report.ok, true, JSON.stringify(report.problems));
      assert.equal(report.programId, programId);
      assert.equal(report.vault.amount, report.allocated, "nobody donated, so the vault balances exactly");
      assert.ok(BigInt(report.allocated) > 0n);
      const text = await client.run(["audit", "--program-id", programId], { env: { SOLANA_RPC_URL: standin.url } });
      assert.equal(text.code, 0, text.stderr);
      assert.match(text.stdout, /Vault audit PASSED/);
    });

    it("fails with exit 1, naming the shortfall, when the vault holds less than is owed", async () => {
      // Given a node whose answer for the vault is 1 micro-USDC short of what the ledgers owe
      const programId = served.api.chain.programId.toBase58();
      const healthy = await client.json(["audit", "--rpc", standin.url, "--program-id", programId]);
      const short = await startShortVaultRpc(standin.url, healthy.vault.address, 1n);
      try {
        // When the vault is audited through it
        const r = await client.run(["audit", "--rpc", short.url, "--program-id", programId]);
        // Then the report says FAILED, stderr names the shortfall in one line, and the exit code is 1
        assert.equal(r.code, 1, r.stderr);
        assert.match(r.stdout, /Vault audit FAILED/);
        assert.match(r.stderr, /^justpay: the vault audit failed with 1 problem\(s\): .*short by 1\n$/);
        const asJson = await client.run(["--json", "audit", "--rpc", short.url, "--program-id", programId]);
        assert.equal(asJson.code, 1);
        assert.equal(JSON.parse(asJson.stdout).ok, false);
      } finally {
        await short.close();
      }
    });

    it("passes with a warning on a program that has no accounts (likely the wrong --program-id)", async () => {
      const r = await client.run([
        "audit",
        "--rpc",
        standin.url,
        "--program-id",
        Keypair.generate().publicKey.toBase58(),
      ]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /no accounts at all/);
    });

    it("without an RPC URL is a usage error, exit 2", async () => {
      const r = await client.run(["audit"]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /pass --rpc <url> or set SOLANA_RPC_URL/);
    });
  });
});
