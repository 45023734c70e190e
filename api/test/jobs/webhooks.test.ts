/**
 * The job webhooks as recorded for delivery (the webhook worker's own tests cover sending and
 * signing): who gets which event, with what data, once per job and event, and the job's
 * callbackUrl overriding the client's profile URL.
 */
import assert from "node:assert/strict";
import { listService } from "../services/support.js";
import type { TestAgent } from "../support/agents.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { advanceTime, fundedAgent, hire, stepOk } from "./support.js";

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
});
