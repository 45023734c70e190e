/**
 * The seed's Job Flow for direct jobs, end to end over HTTP against the real stack: each flow
 * checks the answers, the mirrored ledgers, the wallet history and the vault invariant (the
 * audit also checks that the mirror equals the chain), and the webhooks each party received on a
 * real receiver, signed.
 */
import assert from "node:assert/strict";
import { JobStore } from "../../src/jobs/job-store.js";
import { settleJob } from "../../src/jobs/settle-job.js";
import { DEADLINE_SWEEP_QUEUE } from "../../src/workers/deadlines/sweep-worker.js";
import { listService } from "../services/support.js";
import type { TestAgent } from "../support/agents.js";
import { SignedInbox } from "../support/signed-inbox.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { assertVaultInvariant } from "../support/wallet.js";
import { advanceTime, fundedAgent, getJob, hired, jobEntries, money, stepOk } from "./support.js";

const PRICE = 500_000;
const FEE = 15_000;
const OUTPUT = { bullets: ["one", "two"] };

describe("jobs: direct job flows", () => {
  let api: TestApi;
  let client: TestAgent;
  let provider: TestAgent;
  let inbox: SignedInbox;

  before(async () => {
    api = await startTestApi({ label: "jobs_flows" });
    client = await fundedAgent(api, "flow-client");
    provider = await fundedAgent(api, "flow-provider");
    inbox = await SignedInbox.open(api, [client, provider]);
  });
  after(async () => {
    await inbox?.close();
    await api?.close();
  });

  it("autoAccept: created accepted, delivered, accepted by the client, provider paid", async () => {
    // Given an autoAccept service and the parties' balances
    const service = await listService(api, provider, { pricePerJob: PRICE, autoAccept: true });
    const before = { client: await money(api, client), provider: await money(api, provider) };

    // When the client hires it
    const job = await hired(api, client, service.id);

    // Then the job is accepted with the seed's amounts, and amount + fee is locked
    assert.equal(job.status, "accepted");
    assert.deepEqual([job.amount, job.platformFee, job.totalCost], [`${PRICE}`, `${FEE}`, `${PRICE + FEE}`]);
    assert.equal(job.clientAgentId, client.id);
    assert.equal(job.providerAgentId, provider.id);
    assert.deepEqual(job.input, { text: "hello" });
    assert.ok(Date.parse(job.expiresAt) > Date.now() - 60_000);
    assert.deepEqual(await money(api, client), {
      available: before.client.available - PRICE - FEE,
      escrowed: before.client.escrowed + PRICE + FEE,
    });

    // When the provider delivers and the client accepts the delivery
    const delivered = await stepOk(api, provider, job.id, "deliver", { output: OUTPUT });
    assert.equal(delivered.status, "delivered");
    assert.match(delivered.outputHash, /^[0-9a-f]{64}$/);
    assert.ok(delivered.reviewBy);
    // And delayed cranks wait for both deadlines (the periodic sweep is the backstop)
    const sweeps = api.ctx.queues.queue(DEADLINE_SWEEP_QUEUE);
    for (const deadline of ["deliver_by", "review_by"]) {
      const crank = await sweeps.getJob(`job-${deadline}-${job.id}`);
      assert.ok(crank && crank.opts.delay! > 0, `a delayed crank for ${deadline}`);
    }
    const done = await stepOk(api, client, job.id, "accept-delivery");

    // Then the provider is paid the amount and the platform keeps the fee
    assert.equal(done.status, "completed");
    assert.deepEqual(done.output, OUTPUT);
    assert.deepEqual(await money(api, client), { available: before.client.available - PRICE - FEE, escrowed: 0 });
    assert.deepEqual(await money(api, provider), { available: before.provider.available + PRICE, escrowed: 0 });
    assert.deepEqual(await jobEntries(api, client, job.jobAccount), [
      ["escrow_lock", `${PRICE + FEE}`],
      ["spent", `${PRICE}`],
      ["fee", `${FEE}`],
    ]);
    assert.deepEqual(await jobEntries(api, provider, job.jobAccount), [["earned", `${PRICE}`]]);
    await assertVaultInvariant(api);
    // And each party received its webhooks, signed
    const toProvider = await inbox.expect(provider, job.id, ["job.created", "job.completed"]);
    assert.deepEqual(toProvider.find((e) => e.event === "job.created")?.data.clientReputation, {
      trustScore: 0.4,
      completedJobs: 0,
      totalDisputesFiled: 0,
      clientDisputeRate: 0,
      clientRestricted: false,
    });
    const [deliveredHook] = await inbox.expect(client, job.id, ["job.delivered"]);
    assert.equal(deliveredHook?.data.outputHash, delivered.outputHash);
  });

  it("without autoAccept: pending until the provider accepts, then delivered and released", async () => {
    // Given a service that reviews its jobs
    const service = await listService(api, provider, { pricePerJob: PRICE, autoAccept: false });
    const providerBefore = await money(api, provider);

    // When hired, the job waits for the provider
    const job = await hired(api, client, service.id);
    assert.equal(job.status, "pending");

    // When the provider accepts, delivers, and the client accepts the delivery
    assert.equal((await stepOk(api, provider, job.id, "accept")).status, "accepted");
    assert.equal((await stepOk(api, provider, job.id, "deliver", { output: OUTPUT })).status, "delivered");
    assert.equal((await stepOk(api, client, job.id, "accept-delivery")).status, "completed");

    // Then the provider is paid
    assert.equal((await money(api, provider)).available, providerBefore.available + PRICE);
    await assertVaultInvariant(api);
    await inbox.expect(provider, job.id, ["job.created", "job.completed"]);
    await inbox.expect(client, job.id, ["job.delivered"]);
  });

  it("cancel before delivery refunds amount and fee in full", async () => {
    // Given an accepted job
    const service = await listService(api, provider, { pricePerJob: PRICE });
    const before = await money(api, client);
    const job = await hired(api, client, service.id);

    // When the client cancels
    const cancelled = await stepOk(api, client, job.id, "cancel");

    // Then everything locked comes back
    assert.equal(cancelled.status, "cancelled");
    assert.deepEqual(await money(api, client), before);
    assert.deepEqual(await jobEntries(api, client, job.jobAccount), [
      ["escrow_lock", `${PRICE + FEE}`],
      ["refund", `${PRICE + FEE}`],
    ]);
    await assertVaultInvariant(api);
    const hooks = await inbox.expect(provider, job.id, ["job.created", "job.cancelled"]);
    assert.equal(hooks.find((e) => e.event === "job.cancelled")?.data.reason, "cancelled by client");
    assert.deepEqual(inbox.received(client, job.id), []);
  });

  it("a job not delivered by its deadline is refunded by the sweep (advance-time)", async () => {
    // Given an accepted job with a 60 s execution time
    const service = await listService(api, provider, { pricePerJob: PRICE, maxExecutionTimeSecs: 60 });
    const before = await money(api, client);
    const job = await hired(api, client, service.id);

    // When the deadline passes
    await advanceTime(api, 61);

    // Then the client has everything back and the job is expired
    const res = await getJob(api, client, job.id);
    assert.equal(res.json().status, "expired");
    assert.deepEqual(await money(api, client), before);
    await assertVaultInvariant(api);
    const hooks = await inbox.expect(provider, job.id, ["job.created", "job.cancelled"]);
    assert.equal(hooks.find((e) => e.event === "job.cancelled")?.data.reason, "delivery deadline passed");
  });

  it("a delivery the client does not review is auto-accepted after the review window (advance-time)", async () => {
    // Given a delivered job
    const service = await listService(api, provider, { pricePerJob: PRICE });
    const providerBefore = await money(api, provider);
    const job = await hired(api, client, service.id);
    await stepOk(api, provider, job.id, "deliver", { output: OUTPUT });

    // When the 5-minute review window passes
    await advanceTime(api, 301);

    // Then the provider is paid and the job completed
    assert.equal((await getJob(api, provider, job.id)).json().status, "completed");
    assert.equal((await money(api, provider)).available, providerBefore.available + PRICE);
    // And a late accept-delivery is refused, the money moved once
    const late = await api.request({
      method: "POST",
      url: `/api/v1/jobs/${job.id}/accept-delivery`,
      bearer: client.apiKey,
    });
    assert.equal(late.statusCode, 409, late.body);
    await assertVaultInvariant(api);
    await inbox.expect(provider, job.id, ["job.created", "job.completed"]);
    await inbox.expect(client, job.id, ["job.delivered"]);
  });

  it("a second settlement the program refuses (already settled) counts as done, not as an error", async () => {
    // Given a delivered job, as a sweeper saw it, that the client then accepted
    const service = await listService(api, provider, { pricePerJob: PRICE });
    const job = await hired(api, client, service.id);
    await stepOk(api, provider, job.id, "deliver", { output: OUTPUT });
    const seen = (await new JobStore(api.ctx.knex).find(job.id))!;
    const providerBefore = await money(api, provider);
    await stepOk(api, client, job.id, "accept-delivery");

    // When the stale sweeper releases it too
    const again = await settleJob(api.ctx, seen, {
      how: "release",
      authority: api.ctx.platform.feePayer.publicKey,
      key: `test-late-crank:${job.id}`,
    });

    // Then it reports the settlement that happened, and the provider was paid once
    assert.equal(again.status, "completed");
    assert.equal((await money(api, provider)).available, providerBefore.available + PRICE);
    await assertVaultInvariant(api);
  });
});
