/**
 * Admin verification (`POST`/`DELETE /api/v1/admin/agents/:id/verify`) end to end over HTTP: the
 * admin key guard, idempotent grant and revoke, the badge on the profiles and beside services,
 * and the trust score's 10 % verification component, recomputed in the same transaction.
 */
import assert from "node:assert/strict";
import { fundedAgent, hired, stepOk } from "../jobs/support.js";
import { listService } from "../services/support.js";
import { createTestAgent, type TestAgent } from "../support/agents.js";
import { startTestApi, type TestApi } from "../support/test-api.js";

describe("agents: admin verification", () => {
  let api: TestApi;
  let provider: TestAgent;
  let newcomer: TestAgent;
  let serviceId: string;

  const verify = (method: "POST" | "DELETE", agentId: string, bearer?: string, payload?: object) =>
    api.request({ method, url: `/api/v1/admin/agents/${agentId}/verify`, bearer, payload });
  const verifyOk = async (method: "POST" | "DELETE", agentId: string, payload?: object) => {
    const res = await verify(method, agentId, api.adminKey, payload);
    assert.equal(res.statusCode, 200, res.body);
    return res.json();
  };
  const publicProfile = async (agent: TestAgent) =>
    (await api.request({ method: "GET", url: `/api/v1/agents/${agent.id}` })).json();
  const ownProfile = async (agent: TestAgent) =>
    (await api.request({ method: "GET", url: "/api/v1/agents/me", bearer: agent.apiKey })).json();
  const serviceProvider = async () =>
    (await api.request({ method: "GET", url: `/api/v1/services/${serviceId}` })).json().provider;
  const storedTrust = async (agent: TestAgent) =>
    (await api.ctx.knex("agent_reputation").where({ agent_id: agent.id }).first("trust_score"))?.trust_score;
  const plusTenth = (score: number) => Math.round((score + 0.1) * 10_000) / 10_000;

  before(async () => {
    api = await startTestApi({ label: "verification" });
    provider = await fundedAgent(api, "verify-provider");
    newcomer = await createTestAgent(api, "verify-newcomer");
    serviceId = (await listService(api, provider, { pricePerJob: 100_000, autoAccept: true })).id;
  });
  after(() => api?.close());

  it("refuses without the admin key (401), an agent's key included, and changes nothing", async () => {
    for (const method of ["POST", "DELETE"] as const) {
      // Given no key, then the agent's own key; When either tries to verify it
      for (const bearer of [undefined, provider.apiKey]) {
        const res = await verify(method, provider.id, bearer);
        // Then it is 401 with the seed's error shape
        assert.equal(res.statusCode, 401, res.body);
        assert.equal(typeof res.json().error, "string");
      }
    }
    // And the agent is still unverified
    assert.equal((await publicProfile(provider)).verified, false);
  });

  it("answers 404 for an unknown agent", async () => {
    for (const method of ["POST", "DELETE"] as const) {
      const res = await verify(method, "no-such-agent", api.adminKey);
      assert.equal(res.statusCode, 404);
      assert.deepEqual(res.json(), { error: "Agent not found" });
    }
  });

  it("a brand-new agent goes from 0.40 to exactly 0.50 and back, with the badge on both profiles", async () => {
    // Given a newcomer with no history, shown at the documented 0.40
    assert.equal((await publicProfile(newcomer)).verified, false);
    assert.equal(await storedTrust(newcomer), undefined);
    // When the admin verifies it with a note
    const granted = await verifyOk("POST", newcomer.id, { note: "KYC checked" });
    // Then the score rises by exactly the 10 % verification weight
    assert.equal(granted.verified, true);
    assert.equal(granted.trustScore, plusTenth(0.4));
    assert.equal(granted.note, "KYC checked");
    assert.equal(await storedTrust(newcomer), 0.5);
    // And both profiles show the badge
    const pub = await publicProfile(newcomer);
    assert.equal(pub.verified, true);
    assert.equal(pub.verifiedAt, granted.verifiedAt);
    const own = await ownProfile(newcomer);
    assert.equal(own.verified, true);
    assert.equal(own.verifiedAt, granted.verifiedAt);

    // When it is granted again, without a note
    const again = await verifyOk("POST", newcomer.id);
    // Then nothing changes: same time, same note, same score
    assert.deepEqual(again, granted);

    // When the admin revokes it, twice
    const revoked = await verifyOk("DELETE", newcomer.id);
    assert.deepEqual(await verifyOk("DELETE", newcomer.id), revoked);
    // Then the score is back at 0.40 and the badge is gone
    assert.deepEqual(revoked, { agentId: newcomer.id, verified: false, verifiedAt: null, note: null, trustScore: 0.4 });
    assert.equal(await storedTrust(newcomer), 0.4);
    assert.equal((await publicProfile(newcomer)).verified, false);
    assert.equal((await ownProfile(newcomer)).verifiedAt, null);
  });

  it("an agent with a record keeps it: verification adds exactly 0.10 and the services show the badge", async () => {
    // Given a provider with one completed job rated 5 stars (success 1, rating 1: 0.90)
    const client = await fundedAgent(api, "verify-client");
    const job = await hired(api, client, serviceId);
    await stepOk(api, provider, job.id, "deliver", { output: { bullets: ["one"] } });
    await stepOk(api, client, job.id, "accept-delivery");
    const rated = await api.request({
      method: "POST",
      url: `/api/v1/jobs/${job.id}/rate`,
      payload: { score: 5 },
      bearer: client.apiKey,
    });
    assert.equal(rated.statusCode, 201, rated.body);
    const before = await serviceProvider();
    assert.equal(before.trustScore, 0.9);
    assert.equal(before.verified, false);

    // When the admin verifies the provider
    const granted = await verifyOk("POST", provider.id);
    // Then its score rises by exactly 0.10, beside its service too, with the badge
    assert.equal(granted.trustScore, plusTenth(before.trustScore));
    const after = await serviceProvider();
    assert.equal(after.trustScore, granted.trustScore);
    assert.equal(after.verified, true);
    assert.equal(after.completedJobs, 1);
    const found = await api.request({ method: "GET", url: "/api/v1/services/discover?sortBy=rating" });
    const listed = found.json().services.find((s: { id: string }) => s.id === serviceId);
    assert.equal(listed.provider.verified, true);

    // When it is revoked
    const revoked = await verifyOk("DELETE", provider.id);
    // Then the record's 0.90 remains
    assert.equal(revoked.trustScore, before.trustScore);
    assert.deepEqual(await serviceProvider(), before);
  });
});
