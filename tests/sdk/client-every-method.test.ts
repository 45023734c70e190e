/**
 * Every JustPayClient method against the real API (Postgres, Redis, LocalChain, indexer and
 * workers) listening on a loopback port: each call's effect is asserted on the answers that
 * follow (balances after a hire, job and task statuses, deliveries received, rulings), and the
 * vault invariant is audited at the end.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { assertVaultInvariant, eventually, startTestApi, type TestApi } from "@justpay/api/testing";
import { JustPayApiError, JustPayClient, usdc } from "@justpay/sdk/client";

/** How long a webhook delivery or a queued withdrawal may take to show. */
const SETTLE_MS = 15_000;

/** A webhook receiver on loopback that answers 200 and counts what it got. */
async function receiver(): Promise<{ server: Server; url: string; received: string[] }> {
  const received: string[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      received.push(body);
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received };
}

const SCHEMA = { type: "object" };
const PRICE = usdc(1);
const FEE = 30_000n; // 3 % of the price

describe("sdk: JustPayClient, every method against the real API", function () {
  this.timeout(240_000);
  let api: TestApi;
  let hooks: Awaited<ReturnType<typeof receiver>>;
  let anon: JustPayClient;
  let admin: JustPayClient;

  before(async () => {
    api = await startTestApi({ label: "sdk_client" });
    await api.app.listen({ port: 0, host: "127.0.0.1" });
    const { port } = api.app.server.address() as AddressInfo;
    anon = new JustPayClient({ baseUrl: `http://127.0.0.1:${port}/api/v1/` });
    admin = new JustPayClient({ baseUrl: `http://127.0.0.1:${port}`, adminKey: api.adminKey });
    hooks = await receiver();
  });
  after(async () => {
    await new Promise((resolve) => hooks?.server.close(resolve));
    await api?.close();
  });

  it("walks the whole API", async () => {
    // Platform: healthy
    assert.equal((await anon.health()).status, "ok");

    // Registration, keys
    const suffix = Date.now().toString(36);
    const regP = await anon.auth.register({ name: `provider-${suffix}`, description: "I summarise" });
    const regC = await anon.auth.register({ name: `client-${suffix}` });
    assert.equal(regP.activated, false);
    const provider = anon.withApiKey(regP.apiKey);
    const client = anon.withApiKey(regC.apiKey);
    assert.deepEqual(await provider.auth.verify(), { valid: true, agentId: regP.agentId, name: regP.name });
    const extra = await provider.auth.keys.create({ name: "ci" });
    assert.equal((await provider.auth.keys.list()).keys.length, 2);
    assert.equal((await provider.withApiKey(extra.apiKey).auth.verify()).agentId, regP.agentId);
    assert.equal((await provider.auth.keys.revoke(extra.keyId)).keyId, extra.keyId);
    await assert.rejects(provider.withApiKey(extra.apiKey).auth.verify(), { status: 401 });

    // Deposits: fund from a personal wallet, confirm, activated less the 1 USDC fee
    const depositP = await provider.wallet.depositAddress();
    assert.equal(depositP.address, regP.walletAddress);
    const fundedP = await anon.dev.fund(depositP.address, usdc(20));
    await anon.dev.fund(regC.walletAddress, usdc(20));
    const confirmedP = await provider.wallet.confirmDeposit();
    assert.equal(confirmedP.activated, true);
    assert.equal(confirmedP.totalCredited, usdc(20));
    assert.equal((await client.wallet.confirmDeposit()).activated, true);
    assert.equal((await client.wallet.balance()).available, usdc(19));

    // Profiles
    assert.equal((await provider.agents.updateMe({ description: "Summaries, fast" })).description, "Summaries, fast");
    assert.equal((await provider.agents.me()).balance.available, usdc(19));
    assert.equal((await anon.agents.get(regP.agentId)).name, regP.name);

    // Webhooks: the client's deliveries go to a loopback receiver (set in the database: the
    // profile route refuses loopback callbacks, as it should)
    await api.ctx.knex.raw("update agents set callback_url = ? where id = ?", [hooks.url, regC.agentId]);
    const secret = (await client.webhooks.secret()).secret;
    const rotated = await client.webhooks.rotateSecret();
    assert.match(rotated.secret, /^whsec_/);
    assert.notEqual(rotated.secret, secret);

    // Services
    const service = await provider.services.create({
      name: "Summariser",
      description: "Summarises any text into bullets",
      category: "Writing",
      inputSchema: SCHEMA,
      outputSchema: SCHEMA,
      pricePerJob: PRICE,
    });
    assert.equal(service.pricePerJob, PRICE);
    assert.equal(service.category, "writing");
    const manual = await provider.services.create({
      name: "Careful summariser",
      description: "Summarises, after a human look",
      category: "writing",
      inputSchema: SCHEMA,
      outputSchema: SCHEMA,
      pricePerJob: PRICE,
      autoAccept: false,
    });
    assert.deepEqual((await provider.services.update(service.id, { tags: ["text"] })).tags, ["text"]);
    assert.equal((await anon.services.get(service.id)).provider.id, regP.agentId);
    assert.equal((await anon.services.discover({ category: "writing" })).pagination.total, 2);
    const discovered: string[] = [];
    for await (const s of anon.services.iterateDiscover({ limit: 1 })) discovered.push(s.id);
    assert.deepEqual(discovered.sort(), [service.id, manual.id].sort());
    assert.deepEqual((await anon.services.categories()).categories, [{ name: "writing", count: 2 }]);

    // A direct hire, end to end: the price and fee locked, the provider paid, a rating
    const job = await client.jobs.create({ type: "direct", serviceId: service.id, input: { text: "hi" } });
    assert.equal(job.status, "accepted");
    assert.deepEqual([job.amount, job.platformFee, job.totalCost], [PRICE, FEE, PRICE + FEE]);
    const afterHire = await client.wallet.balance();
    assert.deepEqual([afterHire.available, afterHire.escrowed], [usdc(19) - PRICE - FEE, PRICE + FEE]);
    assert.equal((await provider.jobs.deliver(job.id, { bullets: ["a"] })).status, "delivered");
    assert.equal((await client.jobs.acceptDelivery(job.id)).status, "completed");
    assert.equal((await provider.wallet.balance()).available, usdc(19) + PRICE);
    assert.equal((await client.wallet.balance()).escrowed, 0n);
    const rating = await client.jobs.rate(job.id, { score: 5, comment: "great" });
    assert.equal(rating.rating.rateeAgentId, regP.agentId);
    assert.equal((await anon.agents.ratings(regP.agentId)).ratings[0]?.score, 5);
    assert.equal((await client.jobs.get(job.id)).output !== null, true);

    // Manual accept, delivery, dispute, ruled by the admin as a split
    const disputed = await client.jobs.create({ type: "direct", serviceId: manual.id, input: {} });
    assert.equal(disputed.status, "pending");
    assert.equal((await provider.jobs.accept(disputed.id)).status, "accepted");
    await provider.jobs.deliver(disputed.id, { bullets: [] });
    const filed = await client.jobs.dispute(disputed.id, { reason: "incomplete", description: "empty" });
    assert.equal(filed.status, "disputed");
    assert.equal(filed.dispute?.fee, 100_000n, "5 % of 1 USDC is below the 0.10 minimum");
    const open = await admin.admin.disputes();
    assert.deepEqual(
      open.disputes.map((d) => [d.jobId, d.amount]),
      [[disputed.id, PRICE]],
    );
    const ruling = await admin.admin.resolveDispute(disputed.id, { outcome: "split", note: "half done" });
    assert.equal(ruling.dispute.outcome, "split");
    assert.equal(ruling.job.status, "completed");
    assert.equal((await provider.wallet.balance()).available, usdc(19) + PRICE + PRICE / 2n);

    // A pending job the client cancels: refunded
    const cancelled = await client.jobs.create({ type: "direct", serviceId: manual.id, input: {} });
    assert.equal((await client.jobs.cancel(cancelled.id)).status, "cancelled");
    assert.equal((await client.wallet.balance()).escrowed, 0n);

    // Listing and iterating my jobs
    assert.equal((await client.jobs.list({ role: "client" })).pagination.total, 3);
    const mine: string[] = [];
    for await (const j of client.jobs.iterate({ role: "client", limit: 2 })) mine.push(j.status);
    assert.deepEqual(mine.sort(), ["cancelled", "completed", "completed"]);

    // An open job: posted, applied to, assigned
    const posted = await client.jobs.create({
      type: "open",
      title: "Translate a page",
      description: "Into French, please, keep the tone",
      category: "translation",
      amount: usdc(2),
      input: { page: "hello" },
    });
    assert.equal(posted.status, "open");
    assert.equal(posted.amount, usdc(2));
    assert.deepEqual(
      (await anon.jobs.listOpen()).jobs.map((j) => [j.id, j.budget]),
      [[posted.id, usdc(2)]],
    );
    const openIds: string[] = [];
    for await (const j of anon.jobs.iterateOpen({ category: "translation" })) openIds.push(j.id);
    assert.deepEqual(openIds, [posted.id]);
    const application = await provider.jobs.apply(posted.id, "I am fluent");
    assert.equal(application.status, "pending");
    const assigned = await client.jobs.acceptApplication(posted.id, application.id);
    assert.equal(assigned.status, "accepted");
    assert.equal(assigned.providerAgentId, regP.agentId);

    // The client's webhook deliveries reached the receiver; one is replayed
    const delivered = await eventually(
      "a delivered webhook",
      async () => {
        const list = await client.webhooks.deliveries();
        return list.deliveries.find((d) => d.status === "delivered");
      },
      SETTLE_MS,
    );
    assert.ok(hooks.received.length >= 1);
    const replay = await client.webhooks.replay(delivered.id);
    assert.equal(replay.delivery.id, delivered.id);
    await eventually(
      "the replay to arrive",
      async () =>
        (await client.webhooks.deliveries()).deliveries.find(
          (d) => d.id === delivered.id && d.replays === 1 && d.status === "delivered",
        ),
      SETTLE_MS,
    );

    // Campaigns: claim, deliver, review (accept and reject), top up, pause, resume, cancel
    const campaign = await client.campaigns.create({
      title: "Label images",
      description: "Say what is in each picture",
      category: "labelling",
      rewardPerTask: 100_000,
      totalBudget: "1000000",
      autoAccept: false,
      maxPerAgent: null,
    });
    assert.equal(campaign.totalBudget, usdc(1));
    assert.equal(campaign.costPerTask, 103_000n);
    assert.equal((await anon.campaigns.discover({ category: "labelling" })).campaigns[0]?.id, campaign.id);
    assert.equal((await anon.campaigns.get(campaign.id)).status, "active");
    assert.equal((await client.campaigns.list()).campaigns.length, 1);
    const task = await provider.campaigns.claim(campaign.id);
    assert.equal(task.status, "claimed");
    assert.equal(task.amount, 100_000n);
    assert.equal((await provider.campaigns.deliver(campaign.id, task.id, { label: "cat" })).status, "delivered");
    assert.equal((await client.campaigns.tasks(campaign.id, { status: "delivered" })).tasks[0]?.id, task.id);
    assert.equal((await client.campaigns.acceptTask(campaign.id, task.id)).status, "accepted");
    const second = await provider.campaigns.claim(campaign.id);
    await provider.campaigns.deliver(campaign.id, second.id, { label: "" });
    const rejected = await client.campaigns.rejectTask(campaign.id, second.id, "empty label");
    assert.deepEqual([rejected.status, rejected.rejectReason], ["rejected", "empty label"]);
    const toppedUp = await client.campaigns.topUp(campaign.id, usdc("0.5"));
    assert.equal(toppedUp.totalBudget, usdc("1.5"));
    assert.equal((await client.campaigns.pause(campaign.id)).status, "paused");
    await assert.rejects(
      provider.campaigns.claim(campaign.id),
      (e: unknown) => e instanceof JustPayApiError && e.status === 409,
    );
    assert.equal((await client.campaigns.resume(campaign.id)).status, "active");
    const ended = await client.campaigns.cancel(campaign.id);
    assert.equal(ended.status, "cancelled");

    // Reports and the admin's queue: one dismissed, one actioned
    const report = await provider.reports.create({ targetType: "agent", targetId: regC.agentId, reason: "spam" });
    assert.equal((await admin.admin.reports()).reports[0]?.id, report.id);
    assert.equal((await admin.admin.dismissReport(report.id, "unfounded")).status, "dismissed");
    const again = await provider.reports.create({ targetType: "agent", targetId: regC.agentId, reason: "abuse" });
    assert.equal((await admin.admin.actionReport(again.id, { note: "warned" })).status, "actioned");

    // Proposals: created, browsed, voted, unvoted, decided
    const proposal = await provider.proposals.create({
      title: "Webhooks for ratings",
      description: "Tell providers when they are rated",
      category: "feature",
    });
    assert.equal((await anon.proposals.list({ sort: "recent" })).proposals[0]?.id, proposal.id);
    assert.deepEqual(await client.proposals.vote(proposal.id), { voteCount: 1 });
    assert.equal((await client.proposals.get(proposal.id)).hasVoted, true);
    assert.deepEqual(await client.proposals.unvote(proposal.id), { voteCount: 0 });
    assert.equal((await admin.admin.setProposalStatus(proposal.id, "accepted")).status, "accepted");

    // Verification
    assert.equal((await admin.admin.verifyAgent(regP.agentId, "known operator")).verified, true);
    assert.equal((await anon.agents.get(regP.agentId)).verified, true);
    assert.equal((await admin.admin.unverifyAgent(regP.agentId)).verified, false);

    // The clock moves
    const before = await api.chain.unixTime();
    assert.ok(BigInt((await anon.dev.advanceTime(60)).unixTimestamp) >= before + 60n);

    // History, a withdrawal to the personal wallet, and the client's panic exit
    const history = await provider.wallet.transactions({ type: "earned" });
    assert.ok(history.transactions.every((t) => typeof t.amount === "bigint"));
    const entries: string[] = [];
    for await (const t of provider.wallet.iterateTransactions({ limit: 2 })) entries.push(t.type);
    assert.equal(entries.length, (await provider.wallet.transactions()).pagination.total);
    assert.ok(entries.includes("deposit") && entries.includes("earned"));
    assert.equal((await provider.wallet.setWithdrawalAddress(fundedP.from)).cooldownUntil, null);
    const queued = await provider.wallet.withdraw({ amount: usdc(5) });
    assert.equal(queued.netAmount, usdc("4.90"));
    await eventually(
      "the withdrawal to settle",
      async () => {
        const b = await provider.wallet.balance();
        return b.pending === 0n ? b : undefined;
      },
      SETTLE_MS,
    );
    const panicked = await client.wallet.panic();
    assert.ok(panicked.amountWithdrawn > 0n);
    // The platform numbers (read once: the route caches them): the paid job, the split and the paid task
    const stats = await anon.stats();
    assert.equal(stats.agents.total, 2);
    assert.equal(stats.volume.total, PRICE + PRICE / 2n + 100_000n);

    // The vault covers exactly what the program owes, and the mirror equals the chain
    await assertVaultInvariant(api);
  });
});
