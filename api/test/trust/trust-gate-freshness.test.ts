/**
 * The job trust gate decides on a current score: a job the client just finished as a
 * provider counts at once, not after the next periodic refresh. The workers are off here, so
 * no refresh runs behind the test's back.
 */
import assert from "node:assert/strict";
import { fundedAgent, hire, hired, stepOk } from "../jobs/support.js";
import { listService } from "../services/support.js";
import { startTestApi, type TestApi } from "../support/test-api.js";

describe("trust gate freshness", function () {
  this.timeout(120_000);
  let api: TestApi;
  before(async () => {
    api = await startTestApi({ label: "trust_fresh", workers: false });
  });
  after(() => api?.close());

  it("counts a job finished a moment ago when gating the next hire", async () => {
    // Given an agent with no history (0.40), refused by a service demanding 0.5
    const agent = await fundedAgent(api, "fresh-agent");
    const other = await fundedAgent(api, "fresh-other");
    const demanding = await listService(api, other, { minClientTrustScore: 0.5 });
    assert.equal((await hire(api, agent, demanding.id)).statusCode, 403);

    // When it completes a job as a provider, which flags its reputation stale
    const own = await listService(api, agent);
    const job = await hired(api, other, own.id);
    await stepOk(api, agent, job.id, "deliver", { output: { bullets: ["done"] } });
    await stepOk(api, other, job.id, "accept-delivery");
    const flagged = await api.ctx.knex("agent_reputation").where({ agent_id: agent.id }).first("stale");
    assert.equal(flagged?.stale, true, "the job change flags the score stale");

    // Then the very next hire passes the gate, on the score it recomputed and stored
    const res = await hire(api, agent, demanding.id);
    assert.equal(res.statusCode, 201, res.body);
    const stored = await api.ctx.knex("agent_reputation").where({ agent_id: agent.id }).first("trust_score");
    assert.ok(Number(stored?.trust_score) >= 0.5, `trust ${stored?.trust_score}`);
  });
});
