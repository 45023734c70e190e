/**
 * `GET /api/v1/stats` from real rows: every number moves when the thing it counts happens
 * (a registration, an activation, a listing, a hire, a completion, a proposal), the volume is
 * what providers were paid, and the answer is cached for a few seconds.
 */
import assert from "node:assert/strict";
import { CachedValue } from "../../src/http/cached-value.js";
import { readPlatformStats } from "../../src/stats/platform-stats.js";
import { fundedAgent, hired, stepOk } from "../jobs/support.js";
import { listService } from "../services/support.js";
import { createTestAgent } from "../support/agents.js";
import { startTestApi, type TestApi } from "../support/test-api.js";

describe("stats: platform numbers", () => {
  let api: TestApi;

  before(async () => {
    api = await startTestApi({ label: "stats" });
  });
  after(() => api?.close());

  it("Given a fresh platform, When agents register, list, hire, complete and propose, Then each count follows", async () => {
    const empty = await readPlatformStats(api.ctx.knex);
    assert.deepEqual(
      { ...empty, timestamp: undefined },
      {
        agents: { total: 0, activated: 0 },
        services: { active: 0 },
        jobs: { total: 0, completed: 0 },
        proposals: { open: 0 },
        volume: { total: "0" },
        timestamp: undefined,
      },
    );

    // Given a registered but unactivated agent, and two activated ones
    await createTestAgent(api, "stats-idle");
    const client = await fundedAgent(api, "stats-client");
    const provider = await fundedAgent(api, "stats-provider");
    const service = await listService(api, provider, { pricePerJob: 250_000, autoAccept: true });
    // When one job completes and another is cancelled
    const done = await hired(api, client, service.id);
    await stepOk(api, provider, done.id, "deliver", { output: { bullets: ["x"] } });
    await stepOk(api, client, done.id, "accept-delivery");
    const cancelled = await hired(api, client, service.id);
    await stepOk(api, client, cancelled.id, "cancel");
    await api.request({
      method: "POST",
      url: "/api/v1/proposals",
      bearer: client.apiKey,
      payload: { title: "Stats on the landing page", description: "Show the numbers to visitors", category: "feature" },
    });

    // Then the route answers the seed's shape with the new counts
    const res = await api.request({ method: "GET", url: "/api/v1/stats" });
    assert.equal(res.statusCode, 200, res.body);
    const stats = res.json();
    assert.ok(Math.abs(Date.parse(stats.timestamp) - Date.now()) < 10_000);
    assert.deepEqual(
      { ...stats, timestamp: undefined },
      {
        agents: { total: 3, activated: 2 },
        services: { active: 1 },
        jobs: { total: 2, completed: 1 },
        proposals: { open: 1 },
        // Only the completed job paid its provider; the cancelled one was refunded.
        volume: { total: "250000" },
        timestamp: undefined,
      },
    );
  });

  it("Given a cached value, When read within its TTL, Then it is computed once, even by concurrent readers", async () => {
    let clock = 0;
    let computed = 0;
    const cached = new CachedValue(
      5_000,
      async () => {
        computed += 1;
        return computed;
      },
      () => clock,
    );
    assert.deepEqual(await Promise.all([cached.get(), cached.get(), cached.get()]), [1, 1, 1]);
    clock = 4_999;
    assert.equal(await cached.get(), 1);
    clock = 5_000;
    assert.equal(await cached.get(), 2);
    assert.equal(computed, 2);
  });

  it("Given a failing computation, When read again, Then the failure is not cached", async () => {
    let calls = 0;
    const cached = new CachedValue(60_000, async () => {
      calls += 1;
      if (calls === 1) throw new Error("database away");
      return "ok";
    });
    await assert.rejects(cached.get(), /database away/);
    assert.equal(await cached.get(), "ok");
  });
});
