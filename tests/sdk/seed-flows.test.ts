/**
 * Every flow of the public guide (SEED_API.md), walked through JustPayClient alone, as an SDK
 * user would: no raw HTTP, no database writes. The real API listens on loopback over the real
 * stack; each flow asserts the answers' statuses and the balances they move, and the vault
 * invariant (the vault holds exactly what the program owes, the mirror equals the chain) after it.
 */
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { assertVaultInvariant, eventually, startTestApi, type TestApi } from "@justpay/api/testing";
import { JustPayClient } from "@justpay/sdk/client";

/** How long a webhook delivery or a queued withdrawal may take to show. */
const SETTLE_MS = 15_000;

const PRICE = 500_000n;
const FEE = 15_000n; // 3% of PRICE
const DISPUTE_FEE = 100_000n; // 5% of PRICE is below the 0.10 USDC minimum
const REWARD = 50_000n;
const TASK_FEE = 1_500n;
const ACTIVATION_FEE = 1_000_000n;

const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}`;

interface Agent {
  id: string;
  c: JustPayClient;
}

describe("the seed's flows through JustPayClient alone", function () {
  this.timeout(120_000);
  let api: TestApi;
  let anon: JustPayClient;
  let admin: JustPayClient;
  let client: Agent;
  let provider: Agent;

  /** Registers an agent and activates it with `micro` from the dev faucet (less the 1 USDC activation fee). */
  async function fundedAgent(prefix: string, micro = 20_000_000n): Promise<Agent> {
    const registered = await anon.auth.register({ name: unique(prefix) });
    const c = anon.withApiKey(registered.apiKey);
    await c.dev.fund(registered.walletAddress, micro);
    assert.equal((await c.wallet.confirmDeposit()).activated, true);
    return { id: registered.agentId, c };
  }

  async function available(agent: Agent): Promise<bigint> {
    return (await agent.c.wallet.balance()).available;
  }

  async function serviceOf(agent: Agent, autoAccept: boolean) {
    return agent.c.services.create({
      name: unique("summarizer"),
      description: "Summarizes long documents into bullet points",
      category: "text-processing",
      tags: ["summarization"],
      inputSchema: { type: "object", properties: { text: { type: "string" } }, required: ["text"] },
      outputSchema: { type: "object", properties: { bullets: { type: "array", items: { type: "string" } } } },
      pricePerJob: PRICE,
      autoAccept,
    });
  }

  const assertVaultBalanced = () => assertVaultInvariant(api, { recheckDelayMs: 500 });

  before(async () => {
    api = await startTestApi({ label: "sdk_seed_flows" });
    const baseUrl = await api.app.listen({ port: 0, host: "127.0.0.1" });
    anon = new JustPayClient({ baseUrl });
    admin = new JustPayClient({ baseUrl, adminKey: api.adminKey });
    client = await fundedAgent("seed-client");
    provider = await fundedAgent("seed-provider");
  });
  after(() => api?.close());

  it("Quick Start: register → deposit → confirm → balance → withdrawal address → withdraw → panic", async () => {
    const registered = await anon.auth.register({ name: unique("quickstart"), description: "I summarize" });
    assert.equal(registered.activated, false);
    assert.match(registered.apiKey, /^jp_/);
    const me = anon.withApiKey(registered.apiKey);
    assert.equal((await me.auth.verify()).agentId, registered.agentId);

    const deposit = await me.wallet.depositAddress();
    assert.deepEqual(deposit, { address: registered.walletAddress, network: "solana", token: "USDC" });
    const { from } = await me.dev.fund(deposit.address, 10_000_000n);

    const confirmed = await me.wallet.confirmDeposit();
    assert.equal(confirmed.depositsFound, 1);
    assert.equal(confirmed.totalCredited, 10_000_000n);
    assert.equal(confirmed.activated, true);
    assert.equal(confirmed.action?.suggestedAddress, from);
    assert.equal((await me.agents.me()).emergencyAddress, from);

    const balance = await me.wallet.balance();
    assert.deepEqual(
      [balance.available, balance.pending, balance.escrowed, balance.total, balance.withdrawalAddress],
      [10_000_000n - ACTIVATION_FEE, 0n, 0n, 10_000_000n - ACTIVATION_FEE, null],
    );

    const set = await me.wallet.setWithdrawalAddress(from);
    assert.deepEqual(set, { message: "Withdrawal address set", cooldownUntil: null });
    const queued = await me.wallet.withdraw({ amount: 5_000_000n });
    assert.deepEqual([queued.fee, queued.netAmount], [100_000n, 4_900_000n]);
    await eventually(
      "the withdrawal to settle",
      async () => {
        const b = await me.wallet.balance();
        return b.pending === 0n && b.available === 4_000_000n ? b : undefined;
      },
      SETTLE_MS,
    );
    const withdrawals = await me.wallet.transactions({ type: "withdrawal" });
    assert.deepEqual(
      withdrawals.transactions.map((t) => t.amount),
      [4_900_000n],
    );

    const panic = await me.wallet.panic();
    assert.equal(panic.emergencyAddress, from);
    assert.equal(panic.amountWithdrawn, 4_000_000n);
    assert.equal((await me.wallet.balance()).available, 0n);
    await assertVaultBalanced();
  });

  it("direct job, autoAccept: hire → deliver → accept delivery; the provider is paid the price", async () => {
    const service = await serviceOf(provider, true);
    const before = { client: await available(client), provider: await available(provider) };

    const job = await client.c.jobs.create({ type: "direct", serviceId: service.id, input: { text: "A long text" } });
    assert.equal(job.status, "accepted");
    assert.deepEqual([job.amount, job.platformFee, job.totalCost], [PRICE, FEE, PRICE + FEE]);
    const locked = await client.c.wallet.balance();
    assert.equal(locked.available, before.client - PRICE - FEE);
    assert.equal(locked.escrowed, PRICE + FEE);

    assert.equal((await provider.c.jobs.deliver(job.id, { bullets: ["short"] })).status, "delivered");
    assert.equal((await client.c.jobs.acceptDelivery(job.id)).status, "completed");

    assert.equal(await available(client), before.client - PRICE - FEE);
    assert.equal((await client.c.wallet.balance()).escrowed, 0n);
    assert.equal(await available(provider), before.provider + PRICE);
    const mine = await client.c.jobs.list({ role: "client", status: "completed" });
    assert.ok(mine.jobs.some((j) => j.id === job.id));
    await assertVaultBalanced();
  });

  it("direct job, manual accept: pending until the provider accepts, then deliver → accept delivery", async () => {
    const service = await serviceOf(provider, false);
    const before = { client: await available(client), provider: await available(provider) };

    const job = await client.c.jobs.create({ type: "direct", serviceId: service.id, input: { text: "Review me" } });
    assert.equal(job.status, "pending");
    assert.equal(await available(client), before.client - PRICE - FEE, "locked from the start");
    assert.equal((await provider.c.jobs.accept(job.id)).status, "accepted");
    assert.equal((await provider.c.jobs.deliver(job.id, { bullets: ["done"] })).status, "delivered");
    assert.equal((await client.c.jobs.acceptDelivery(job.id)).status, "completed");

    assert.equal(await available(provider), before.provider + PRICE);
    assert.equal((await provider.c.jobs.get(job.id)).status, "completed");
    await assertVaultBalanced();
  });

  it("open job: two applicants, the client picks the second, who delivers and is paid", async () => {
    const [first, second] = [await fundedAgent("seed-applicant"), await fundedAgent("seed-applicant")];
    const before = { client: await available(client), second: await available(second!) };

    const job = await client.c.jobs.create({
      type: "open",
      title: "Need a logo for my AI startup",
      category: "image-generation",
      description: "A minimalist logo in blue and white, usable as a favicon.",
      input: { style: "minimalist" },
      amount: PRICE,
      applicationWindow: 600,
    });
    assert.equal(job.status, "open");
    assert.equal(await available(client), before.client - PRICE - FEE);
    const listed = (await anon.jobs.listOpen({ category: "image-generation" })).jobs.find((j) => j.id === job.id);
    assert.ok(listed, "the marketplace lists it");

    const applications = [
      await first!.c.jobs.apply(job.id, "I draw logos all day."),
      await second!.c.jobs.apply(job.id, "Minimalism is my thing."),
    ];
    assert.deepEqual(
      applications.map((a) => a.status),
      ["pending", "pending"],
    );
    assert.equal((await client.c.jobs.get(job.id)).applications?.length, 2);

    const accepted = await client.c.jobs.acceptApplication(job.id, applications[1]!.id);
    assert.equal(accepted.status, "accepted");
    assert.equal(accepted.providerAgentId, second!.id);
    assert.deepEqual(
      (await client.c.jobs.get(job.id)).applications?.map((a) => a.status),
      ["rejected", "accepted"],
    );

    assert.equal((await second!.c.jobs.deliver(job.id, { logo: "<svg/>" })).status, "delivered");
    assert.equal((await client.c.jobs.acceptDelivery(job.id)).status, "completed");
    assert.equal(await available(second!), before.second + PRICE);
    assert.equal(await available(client), before.client - PRICE - FEE);
    await assertVaultBalanced();
  });

  it("cancel before delivery: a full refund, fee included", async () => {
    const service = await serviceOf(provider, true);
    const before = await client.c.wallet.balance();

    const job = await client.c.jobs.create({ type: "direct", serviceId: service.id, input: { text: "Never mind" } });
    assert.equal(await available(client), before.available - PRICE - FEE);
    assert.equal((await client.c.jobs.cancel(job.id)).status, "cancelled");

    const after = await client.c.wallet.balance();
    assert.deepEqual([after.available, after.escrowed], [before.available, before.escrowed]);
    await assertVaultBalanced();
  });

  it("dispute with a ruling: the client files, the admin rules for the claimant, the fee is kept", async () => {
    const service = await serviceOf(provider, true);
    const before = { client: await available(client), provider: await available(provider) };
    const job = await client.c.jobs.create({ type: "direct", serviceId: service.id, input: { text: "Careful" } });
    await provider.c.jobs.deliver(job.id, { bullets: ["off-topic"] });

    const filed = await client.c.jobs.dispute(job.id, { reason: "quality", description: "Off-topic output" });
    assert.equal(filed.status, "disputed");
    assert.equal(filed.dispute?.fee, DISPUTE_FEE);
    assert.equal(await available(client), before.client - PRICE - FEE - DISPUTE_FEE);
    const open = await admin.admin.disputes({});
    assert.ok(
      open.disputes.some((d) => d.jobId === job.id),
      "the admin sees it",
    );

    const ruled = await admin.admin.resolveDispute(job.id, { outcome: "claimant", note: "Did not match" });
    assert.equal(ruled.dispute.outcome, "claimant");
    assert.equal(ruled.job.status, "cancelled");
    assert.equal(await available(client), before.client - DISPUTE_FEE, "refunded in full but the dispute fee");
    assert.equal(await available(provider), before.provider);
    await assertVaultBalanced();
  });

  it("rating: the client rates a completed job and the provider's public ratings show it", async () => {
    const service = await serviceOf(provider, true);
    const job = await client.c.jobs.create({ type: "direct", serviceId: service.id, input: { text: "Rate me" } });
    await provider.c.jobs.deliver(job.id, { bullets: ["great"] });
    await client.c.jobs.acceptDelivery(job.id);

    const rated = await client.c.jobs.rate(job.id, { score: 5, comment: "Fast and accurate", tags: ["fast"] });
    assert.equal(rated.rating.score, 5);
    assert.equal(rated.rating.rateeAgentId, provider.id);
    const ratings = await anon.agents.ratings(provider.id, {});
    assert.ok(ratings.ratings.some((r) => r.jobId === job.id && r.score === 5 && r.comment === "Fast and accurate"));
    assert.ok((await anon.agents.get(provider.id)).rating.count >= 1);
  });

  it("campaign: create escrows the budget, claim → deliver pays the worker at once", async () => {
    const worker = await fundedAgent("seed-worker");
    const before = { owner: await client.c.wallet.balance(), worker: await available(worker) };
    const budget = (REWARD + TASK_FEE) * 3n;

    const campaign = await client.c.campaigns.create({
      title: "Tweet about our product launch",
      description: "Post a tweet mentioning @ourproduct with the hashtag #launch",
      category: "social-media",
      taskDescription: { format: "tweet_url" },
      rewardPerTask: REWARD,
      totalBudget: budget,
      autoAccept: true,
    });
    assert.equal(campaign.status, "active");
    assert.equal(campaign.remainingBudget, budget);
    const escrowed = await client.c.wallet.balance();
    assert.equal(escrowed.available, before.owner.available - budget);
    assert.equal(escrowed.escrowed, before.owner.escrowed + budget);
    assert.ok((await anon.campaigns.discover({ search: "tweet" })).campaigns.some((x) => x.id === campaign.id));

    const task = await worker.c.campaigns.claim(campaign.id);
    assert.equal(task.status, "claimed");
    assert.deepEqual([task.amount, task.platformFee, task.totalCost], [REWARD, TASK_FEE, REWARD + TASK_FEE]);
    const delivered = await worker.c.campaigns.deliver(campaign.id, task.id, { tweet_url: "https://x.com/a/1" });
    assert.equal(delivered.status, "accepted", "autoAccept pays on delivery");

    assert.equal(await available(worker), before.worker + REWARD);
    const tasks = await client.c.campaigns.tasks(campaign.id, {});
    assert.deepEqual(
      tasks.tasks.map((t) => [t.id, t.status]),
      [[task.id, "accepted"]],
    );
    assert.equal((await anon.campaigns.get(campaign.id)).remainingBudget, budget - REWARD - TASK_FEE);
    await assertVaultBalanced();
  });

  it("report: the target's pending reports and warning go up", async () => {
    const target = await fundedAgent("seed-reported");
    const report = await client.c.reports.create({
      targetType: "agent",
      targetId: target.id,
      reason: "spam",
      description: "Unsolicited messages",
    });
    assert.equal(report.status, "pending");
    assert.equal(report.targetAgentId, target.id);
    const profile = await anon.agents.get(target.id);
    assert.equal(profile.pendingReportCount, 1);
    assert.deepEqual(profile.warning, { level: "low", pendingReportCount: 1 });
    const listed = await admin.admin.reports({});
    assert.ok(
      listed.reports.some((r) => r.id === report.id),
      "the admin sees it",
    );
  });

  it("proposal and vote: another agent's vote counts once and shows as hasVoted", async () => {
    const proposal = await client.c.proposals.create({
      title: unique("WebSocket job updates"),
      description: "Subscribe to job status changes instead of polling",
      category: "feature",
    });
    assert.equal(proposal.voteCount, 0);
    assert.deepEqual(await provider.c.proposals.vote(proposal.id), { voteCount: 1 });
    assert.equal((await anon.proposals.get(proposal.id)).voteCount, 1);
    const seen = (await provider.c.proposals.list({ sort: "recent" })).proposals.find((p) => p.id === proposal.id);
    assert.equal(seen?.hasVoted, true);
  });

  it("stats count what the flows made", async () => {
    const stats = await anon.stats();
    assert.ok(stats.agents.total >= 7 && stats.agents.activated >= 7, JSON.stringify(stats.agents));
    assert.ok(stats.services.active >= 5);
    assert.ok(stats.jobs.completed >= 4, "four flows completed a job");
    assert.ok(stats.proposals.open >= 1);
    assert.ok(BigInt(stats.volume.total) >= 4n * PRICE + REWARD);
    await assertVaultBalanced();
  });
});
