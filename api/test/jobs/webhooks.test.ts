/**
 * The job webhooks as recorded for delivery (the webhook worker's own tests cover sending and
 * signing): who gets which event, with what data, once per job and event, and the job's
 * callbackUrl overriding the client's profile URL.
 */
import assert from "node:assert/strict";
import { PublicKey } from "@solana/web3.js";
import { releaseInstruction } from "../../src/jobs/job-instructions.js";
import { verifyJustPaySignature } from "../../src/webhooks/justpay-signature.js";
import { webhookWorker } from "../../src/workers/webhooks.js";
import { listService } from "../services/support.js";
import type { TestAgent } from "../support/agents.js";
import { eventually } from "../support/eventually.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { TestReceiver } from "../webhooks/receiver.js";
import { advanceTime, fundedAgent, getJob, hire, stepOk } from "./support.js";

const PROFILE_URL = "http://127.0.0.1:9/profile";
const JOB_URL = "http://127.0.0.1:9/job";

describe("jobs: webhooks", () => {
  let api: TestApi;
  let client: TestAgent;
  let provider: TestAgent;

  const deliveries = async (agent: TestAgent, jobId: string) => {
    const { rows } = await api.ctx.knex.raw(
      `select event, url, payload from webhook_deliveries where agent_id = ? and payload->>'jobId' = ? order by created_at`,
      [agent.id, jobId],
    );
    return rows as { event: string; url: string; payload: Record<string, unknown> }[];
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
    await stepOk(api, provider, job.id, "deliver", { output: { bullets: ["a"] } });
    await stepOk(api, client, job.id, "accept-delivery");

    // Then the provider got job.created and job.completed, the client job.delivered at the job's URL
    const toProvider = await deliveries(provider, job.id);
    assert.deepEqual(
      toProvider.map((d) => [d.event, d.url]),
      [
        ["job.created", PROFILE_URL],
        ["job.completed", PROFILE_URL],
      ],
    );
    assert.deepEqual(toProvider[0]!.payload.clientReputation, {
      trustScore: 0.4,
      completedJobs: 0,
      totalDisputesFiled: 0,
      clientDisputeRate: 0,
      clientRestricted: false,
    });
    const toClient = await deliveries(client, job.id);
    assert.deepEqual(
      toClient.map((d) => [d.event, d.url]),
      [["job.delivered", JOB_URL]],
    );
    assert.equal(toClient[0]!.payload.providerAgentId, provider.id);
    assert.equal(toClient[0]!.payload.role, "client");
  });

  it("job.cancelled goes to the provider on a cancel and on an expiry", async () => {
    const service = await listService(api, provider, { maxExecutionTimeSecs: 30 });
    const cancelled = (await hire(api, client, service.id)).json();
    const expired = (await hire(api, client, service.id)).json();
    await stepOk(api, client, cancelled.id, "cancel");
    await advanceTime(api, 31);
    for (const [job, reason] of [
      [cancelled, "cancelled by client"],
      [expired, "delivery deadline passed"],
    ]) {
      const [created, settled, ...rest] = await deliveries(provider, job.id);
      assert.equal(created?.event, "job.created");
      assert.equal(settled?.event, "job.cancelled");
      assert.equal(settled?.payload.reason, reason);
      assert.equal(rest.length, 0);
    }
  });

  it("a release sent to the program directly, not through the API, still completes the job and notifies", async () => {
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
    // and the sweeps run (the periodic sweeper, here advance-time)
    await advanceTime(api, 1);

    // Then the job is completed and the provider got job.completed
    assert.equal((await getJob(api, provider, job.id)).json().status, "completed");
    assert.deepEqual(
      (await deliveries(provider, job.id)).map((d) => d.event),
      ["job.created", "job.completed"],
    );
  });

  it("a real receiver gets job.created signed with the provider's secret", async () => {
    // Given the webhook worker running and a receiver on loopback as the provider's callbackUrl
    const receiver = await TestReceiver.start();
    try {
      await webhookWorker.start(api.ctx);
      await api.ctx.knex.raw(`update agents set callback_url = ? where id = ?`, [receiver.url(), provider.id]);
      const secret = (
        await api.request({ method: "GET", url: "/api/v1/webhooks/secret", bearer: provider.apiKey })
      ).json().secret;

      // When the client hires
      const service = await listService(api, provider);
      const job = (await hire(api, client, service.id)).json();

      // Then the receiver gets job.created for it, and the signature verifies
      const got = await eventually("job.created at the receiver", async () => receiver.received[0]);
      const payload = verifyJustPaySignature(got.body, got.headers, secret);
      assert.equal(payload.event, "job.created");
      assert.equal((payload.data as { jobId: string }).jobId, job.id);
      await stepOk(api, client, job.id, "cancel");
    } finally {
      await api.ctx.knex.raw(`update agents set callback_url = ? where id = ?`, [PROFILE_URL, provider.id]);
      await receiver.close();
    }
  });
});
