/**
 * The job webhooks, sent by the job-events worker from the indexed program events: who gets
 * which event, with what data, once per job and event (also when the events are handled again
 * or by two followers at once), the job's callbackUrl overriding the client's profile URL, and
 * steps sent straight to the program (a release, an open_dispute) notifying like the API's own.
 * One flow goes to a real receiver on loopback and its signatures are verified.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { agentPda, escrowProgram } from "@justpay/sdk";
import { PublicKey } from "@solana/web3.js";
import type { AppContext } from "../../src/context.js";
import { releaseInstruction } from "../../src/jobs/job-instructions.js";
import { verifyJustPaySignature } from "../../src/webhooks/justpay-signature.js";
import { startFollower } from "../../src/workers/event-follower.js";
import { JOB_EVENTS_CURSOR, JOB_EVENTS_FOLLOWER } from "../../src/workers/job-events.js";
import { listService } from "../services/support.js";
import type { TestAgent } from "../support/agents.js";
import { eventually } from "../support/eventually.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { assertVaultInvariant } from "../support/wallet.js";
import { TestReceiver } from "../webhooks/receiver.js";
import { acceptApplication, applied, postedOpenJob } from "./open-support.js";
import { advanceTime, fundedAgent, getJob, hire, stepOk } from "./support.js";
import { jobDeliveries, jobEventsCaughtUp } from "./webhook-support.js";

const PROFILE_URL = "http://127.0.0.1:9/profile";
const JOB_URL = "http://127.0.0.1:9/job";

/** open_dispute as a claimant's wallet sends it to the program, with the operator co-signing. */
function openDisputeInstruction(ctx: AppContext, claimant: PublicKey, job: PublicKey) {
  const reasonHash = createHash("sha256").update('{"reason":"quality"}').digest();
  return escrowProgram(ctx.chain.programId)
    .methods.openDispute([...reasonHash])
    .accountsPartial({
      claimant,
      operator: ctx.platform.operator.publicKey,
      claimantAgent: agentPda(ctx.chain.programId, claimant).address,
      job,
      config: ctx.platform.config,
    })
    .instruction();
}

describe("jobs: webhooks from the indexed program events", () => {
  let api: TestApi;
  let client: TestAgent;
  let provider: TestAgent;

  /** The events the agent was sent about the job, once the worker handled every event so far. */
  const events = async (agent: TestAgent, jobId: string) => {
    await jobEventsCaughtUp(api);
    return (await jobDeliveries(api, agent.id, jobId)).map((d) => d.event);
  };

  before(async () => {
    api = await startTestApi({ label: "jobs_webhooks" });
    client = await fundedAgent(api, "hook-client");
    provider = await fundedAgent(api, "hook-provider");
    await api.ctx.knex.raw(`update agents set callback_url = ? where id in (?, ?)`, [
      PROFILE_URL,
      client.id,
      provider.id,
    ]);
  });
  after(() => api?.close());

  it("created (with clientReputation), delivered (to the job's callbackUrl), completed", async () => {
    // Given a job hired with its own callbackUrl
    const service = await listService(api, provider);
    const res = await hire(api, client, service.id, { text: "hi" }, { callbackUrl: JOB_URL });
    assert.equal(res.statusCode, 201, res.body);
    const job = res.json();

    // When it is delivered and accepted
    const delivered = await stepOk(api, provider, job.id, "deliver", { output: { bullets: ["a"] } });
    await stepOk(api, client, job.id, "accept-delivery");

    // Then the provider got job.created and job.completed at its profile URL
    await jobEventsCaughtUp(api);
    const toProvider = await jobDeliveries(api, provider.id, job.id);
    assert.deepEqual(
      toProvider.map((d) => [d.event, d.url]),
      [
        ["job.created", PROFILE_URL],
        ["job.completed", PROFILE_URL],
      ],
    );
    assert.deepEqual(toProvider[0]!.payload, {
      jobId: job.id,
      status: "accepted",
      role: "provider",
      serviceId: service.id,
      clientAgentId: client.id,
      amount: job.amount,
      input: { text: "hi" },
      expiresAt: job.expiresAt,
      clientReputation: {
        trustScore: 0.4,
        completedJobs: 0,
        totalDisputesFiled: 0,
        clientDisputeRate: 0,
        clientRestricted: false,
      },
    });
    assert.deepEqual(toProvider[1]!.payload, {
      jobId: job.id,
      status: "completed",
      role: "provider",
      clientAgentId: client.id,
      amount: job.amount,
      outcome: "Released",
      paidToProvider: job.amount,
    });
    // And the client got job.delivered at the job's own callbackUrl, with the committed hash
    const toClient = await jobDeliveries(api, client.id, job.id);
    assert.deepEqual(
      toClient.map((d) => [d.event, d.url]),
      [["job.delivered", JOB_URL]],
    );
    const notice = toClient[0]!.payload;
    assert.equal(notice.providerAgentId, provider.id);
    assert.equal(notice.role, "client");
    assert.equal(notice.status, "delivered");
    assert.equal(notice.outputHash, delivered.outputHash);
    assert.equal(typeof notice.executionTimeSecs, "number");
    await assertVaultInvariant(api);
  });

  it("job.cancelled goes to the provider on a cancel and on an expiry by the sweep", async () => {
    // Given two jobs with a 30 s deadline
    const service = await listService(api, provider, { maxExecutionTimeSecs: 30 });
    const cancelled = (await hire(api, client, service.id)).json();
    const expired = (await hire(api, client, service.id)).json();

    // When the client cancels one and the other's deadline passes (advance-time runs the sweep)
    await stepOk(api, client, cancelled.id, "cancel");
    await advanceTime(api, 31);
    assert.equal((await getJob(api, client, expired.id)).json().status, "expired");

    // Then each sent job.created then job.cancelled with its reason, and nothing else
    for (const [job, status, reason] of [
      [cancelled, "cancelled", "cancelled by client"],
      [expired, "expired", "delivery deadline passed"],
    ]) {
      assert.deepEqual(await events(provider, job.id), ["job.created", "job.cancelled"]);
      const settled = (await jobDeliveries(api, provider.id, job.id))[1]!.payload;
      assert.deepEqual([settled.status, settled.reason, settled.paidToProvider], [status, reason, "0"]);
    }
    await assertVaultInvariant(api);
  });

  it("a release sent to the program directly, not through the API, notifies without any sweep", async () => {
    // Given a delivered job
    const service = await listService(api, provider);
    const job = (await hire(api, client, service.id)).json();
    await stepOk(api, provider, job.id, "deliver", { output: { bullets: [] } });

    // When the client's wallet releases it with the program's own instruction
    const ix = await releaseInstruction(
      api.ctx,
      client.wallet.publicKey,
      new PublicKey(job.jobAccount),
      provider.wallet.publicKey,
    );
    await api.ctx.waitForSlot((await api.ctx.tx.execute(`test-direct-release:${job.id}`, "release", [ix])).slot);

    // Then the provider gets job.completed from the JobSettled event alone
    assert.deepEqual(await events(provider, job.id), ["job.created", "job.completed"]);
    // And once the sweep records the settlement, the job reads completed
    await advanceTime(api, 1);
    assert.equal((await getJob(api, provider, job.id)).json().status, "completed");
    await assertVaultInvariant(api);
  });

  it("job.assigned goes to the chosen provider of an open job, and only to it", async () => {
    // Given an open job with two applicants
    const other = await fundedAgent(api, "hook-other");
    await api.ctx.knex.raw(`update agents set callback_url = ? where id = ?`, [PROFILE_URL, other.id]);
    const job = await postedOpenJob(api, client, { callbackUrl: JOB_URL });
    const chosen = await applied(api, provider, job.id);
    await applied(api, other, job.id);

    // When the client accepts the provider's application
    const res = await acceptApplication(api, client, job.id, chosen.id);
    assert.equal(res.statusCode, 200, res.body);

    // Then the provider got job.assigned (an open job sends no job.created), the other nothing
    assert.deepEqual(await events(provider, job.id), ["job.assigned"]);
    assert.deepEqual(await events(other, job.id), []);
    const [assigned] = await jobDeliveries(api, provider.id, job.id);
    assert.equal(assigned!.url, PROFILE_URL);
    assert.deepEqual(assigned!.payload, {
      jobId: job.id,
      status: "accepted",
      role: "provider",
      title: job.title,
      clientAgentId: client.id,
      amount: job.amount,
      input: job.input,
      expiresAt: job.expiresAt,
    });
    await stepOk(api, provider, job.id, "deliver", { output: { logo: "svg" } });
    await stepOk(api, client, job.id, "accept-delivery");
    assert.deepEqual(await events(provider, job.id), ["job.assigned", "job.completed"]);
    assert.deepEqual(await events(client, job.id), ["job.delivered"]);
  });

  it("job.disputed goes to the party that did not file, the client's to the job's callbackUrl", async () => {
    // Given two delivered jobs, one with its own callbackUrl
    const service = await listService(api, provider, { pricePerJob: 1_000_000 });
    const byProvider = (await hire(api, client, service.id, { text: "a" }, { callbackUrl: JOB_URL })).json();
    const byClient = (await hire(api, client, service.id, { text: "b" }, { callbackUrl: JOB_URL })).json();
    for (const job of [byProvider, byClient])
      await stepOk(api, provider, job.id, "deliver", { output: { bullets: ["x"] } });

    // When the provider files on one and the client on the other, straight to the program
    for (const [job, claimant] of [
      [byProvider, provider],
      [byClient, client],
    ] as const) {
      const ix = await openDisputeInstruction(api.ctx, claimant.wallet.publicKey, new PublicKey(job.jobAccount));
      const landed = await api.ctx.tx.execute(`test-dispute:${job.id}`, "open_dispute", [ix]);
      await api.ctx.waitForSlot(landed.slot);
    }

    // Then the client got job.disputed at the job's URL for the provider's filing
    assert.deepEqual(await events(client, byProvider.id), ["job.delivered", "job.disputed"]);
    const toClient = (await jobDeliveries(api, client.id, byProvider.id))[1]!;
    assert.equal(toClient.url, JOB_URL);
    // The dispute fee is 5 % of 1 USDC, clamped up to the 0.10 USDC minimum
    assert.deepEqual(toClient.payload, {
      jobId: byProvider.id,
      status: "disputed",
      role: "client",
      claimantAgentId: provider.id,
      fee: "100000",
    });
    // And the provider got it at its profile for the client's filing; the claimant got none
    assert.deepEqual(await events(provider, byClient.id), ["job.created", "job.disputed"]);
    const toProvider = (await jobDeliveries(api, provider.id, byClient.id))[1]!;
    assert.equal(toProvider.url, PROFILE_URL);
    assert.deepEqual(toProvider.payload, {
      jobId: byClient.id,
      status: "disputed",
      role: "provider",
      claimantAgentId: client.id,
      fee: "100000",
    });
    assert.deepEqual(await events(provider, byProvider.id), ["job.created"]);
    assert.deepEqual(await events(client, byClient.id), ["job.delivered"]);
    assert.equal((await getJob(api, client, byClient.id)).json().status, "disputed");
    await assertVaultInvariant(api);
  });

  it("a real receiver gets each event once, signed, even when the events are handled again by two followers", async () => {
    // Given a receiver on loopback as the provider's callbackUrl
    const receiver = await TestReceiver.start();
    try {
      await api.ctx.knex.raw(`update agents set callback_url = ? where id = ?`, [receiver.url(), provider.id]);
      const secret = (
        await api.request({ method: "GET", url: "/api/v1/webhooks/secret", bearer: provider.apiKey })
      ).json().secret;

      // When the client hires, the provider delivers and the client accepts
      const service = await listService(api, provider);
      const job = (await hire(api, client, service.id)).json();
      await stepOk(api, provider, job.id, "deliver", { output: { bullets: ["a"] } });
      await stepOk(api, client, job.id, "accept-delivery");

      // Then the receiver gets job.created and job.completed, and the signatures verify
      const mine = () =>
        receiver.received
          .map((r) => verifyJustPaySignature(r.body, r.headers, secret))
          .filter((p) => (p.data as { jobId: string }).jobId === job.id);
      await eventually("both webhooks at the receiver", async () => (mine().length >= 2 ? true : undefined));
      assert.deepEqual(
        mine().map((p) => p.event),
        ["job.created", "job.completed"],
      );

      // When every event is handled again from the start, by the worker and a second follower at once
      await api.ctx.knex.raw(`update event_cursors set slot = -1, signature = '', event_index = -1 where name = ?`, [
        JOB_EVENTS_CURSOR,
      ]);
      const second = startFollower(api.ctx, JOB_EVENTS_FOLLOWER);
      try {
        await jobEventsCaughtUp(api);
      } finally {
        await second.stop();
      }

      // Then nothing new is recorded or sent: still one delivery per job and event
      const { rows } = await api.ctx.knex.raw(
        `select count(*)::int as n from webhook_deliveries group by agent_id, event, payload->>'jobId' having count(*) > 1`,
      );
      assert.deepEqual(rows, []);
      await new Promise((r) => setTimeout(r, 500));
      assert.deepEqual(
        mine().map((p) => p.event),
        ["job.created", "job.completed"],
      );
    } finally {
      await api.ctx.knex.raw(`update agents set callback_url = ? where id = ?`, [PROFILE_URL, provider.id]);
      await receiver.close();
    }
  });

  it("two followers racing over the same new events send each once", async () => {
    // Given a second follower running beside the worker's
    const second = startFollower(api.ctx, JOB_EVENTS_FOLLOWER);
    try {
      // When several jobs are hired and cancelled
      const service = await listService(api, provider, { maxConcurrentJobs: 10 });
      const jobs = [];
      for (let i = 0; i < 4; i += 1) jobs.push((await hire(api, client, service.id)).json());
      for (const job of jobs) await stepOk(api, client, job.id, "cancel");

      // Then each job sent job.created and job.cancelled once
      for (const job of jobs) assert.deepEqual(await events(provider, job.id), ["job.created", "job.cancelled"]);
    } finally {
      await second.stop();
    }
  });
});
