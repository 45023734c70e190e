/**
 * `POST /jobs/:id/rate`, `GET /agents/:id/ratings` and the reputation discovery shows, end to
 * end over HTTP: jobs are hired, delivered and accepted through the real routes.
 */
import assert from "node:assert/strict";
import { fundedAgent, hire, hired, stepOk } from "../jobs/support.js";
import { listService } from "../services/support.js";
import type { TestAgent } from "../support/agents.js";
import { startTestApi, type TestApi } from "../support/test-api.js";

const OUTPUT = { bullets: ["one"] };

describe("ratings: rating completed jobs", () => {
  let api: TestApi;
  let client: TestAgent;
  let provider: TestAgent;
  let stranger: TestAgent;
  let serviceId: string;

  const rate = (agent: TestAgent, jobId: string, payload: object) =>
    api.request({ method: "POST", url: `/api/v1/jobs/${jobId}/rate`, payload, bearer: agent.apiKey });

  async function completedJob(): Promise<string> {
    const job = await hired(api, client, serviceId);
    await stepOk(api, provider, job.id, "deliver", { output: OUTPUT });
    await stepOk(api, client, job.id, "accept-delivery");
    return job.id;
  }

  const service = async () => (await api.request({ method: "GET", url: `/api/v1/services/${serviceId}` })).json();

  before(async () => {
    api = await startTestApi({ label: "ratings" });
    client = await fundedAgent(api, "rating-client");
    provider = await fundedAgent(api, "rating-provider");
    stranger = await fundedAgent(api, "rating-stranger");
    serviceId = (await listService(api, provider, { pricePerJob: 100_000, autoAccept: true })).id;
  });
  after(() => api?.close());

  it("Given a job not completed yet, When a party rates it, Then 409 naming its status", async () => {
    const job = await hired(api, client, serviceId);
    const res = await rate(client, job.id, { score: 5 });
    assert.equal(res.statusCode, 409, res.body);
    assert.match(res.json().error, /accepted/);
    await stepOk(api, client, job.id, "cancel");
  });

  it("Given a brand-new provider, When its service is read, Then it has the no-history standing", async () => {
    assert.deepEqual((await service()).provider, {
      id: provider.id,
      name: "rating-provider",
      verified: false,
      trustScore: 0.4,
      rating: null,
      completedJobs: 0,
      warning: null,
    });
  });

  describe("Given a completed job", () => {
    let jobId: string;
    before(async () => {
      jobId = await completedJob();
    });

    it("Then its provider's completedJobs counts it before any rating", async () => {
      const { provider: p } = await service();
      assert.deepEqual([p.completedJobs, p.rating, p.trustScore], [1, null, 0.65]);
    });

    it("When a stranger rates it, or anyone rates an unknown job, Then 404", async () => {
      assert.equal((await rate(stranger, jobId, { score: 5 })).statusCode, 404);
      assert.equal((await rate(client, "no-such-job", { score: 5 })).statusCode, 404);
    });

    it("When the body breaks a limit, Then 400 naming the field", async () => {
      const bad: [object, RegExp][] = [
        [{ score: 0 }, /score/],
        [{ score: 6 }, /score/],
        [{ score: 4.5 }, /score/],
        [{}, /score/],
        [{ score: 5, comment: "x".repeat(501) }, /comment/],
        [{ score: 5, tags: ["a", "b", "c", "d", "e", "f"] }, /tags/],
      ];
      for (const [payload, field] of bad) {
        const res = await rate(client, jobId, payload);
        assert.equal(res.statusCode, 400, JSON.stringify(payload));
        assert.match(res.json().error, field);
      }
    });

    it("When the client rates 5 with a 500-character comment and 5 tags, Then 201 with the rating", async () => {
      const comment = "y".repeat(500);
      const tags = ["fast", "accurate", "cheap", "kind", "clear"];
      const res = await rate(client, jobId, { score: 5, comment, tags });
      assert.equal(res.statusCode, 201, res.body);
      const body = res.json();
      assert.equal(body.message, "Rating submitted");
      assert.deepEqual(
        [body.rating.jobId, body.rating.raterAgentId, body.rating.rateeAgentId, body.rating.score],
        [jobId, client.id, provider.id, 5],
      );
      assert.deepEqual([body.rating.comment, body.rating.tags], [comment, tags]);
    });

    it("When the client rates it again, Then 409", async () => {
      const res = await rate(client, jobId, { score: 1 });
      assert.equal(res.statusCode, 409, res.body);
      assert.match(res.json().error, /already rated/);
    });

    it("When the provider rates the client 1, Then 201: each party rates once", async () => {
      const res = await rate(provider, jobId, { score: 1 });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().rating.rateeAgentId, client.id);
      assert.equal(res.json().rating.comment, null);
    });

    it("Then the service shows rating 5, 1 completed job and trust score 0.90", async () => {
      assert.deepEqual((await service()).provider, {
        id: provider.id,
        name: "rating-provider",
        verified: false,
        trustScore: 0.9,
        rating: 5,
        completedJobs: 1,
        warning: null,
      });
    });
  });

  describe("Given a second completed job rated 3", () => {
    before(async () => {
      const jobId = await completedJob();
      assert.equal((await rate(client, jobId, { score: 3, tags: ["ok"] })).statusCode, 201);
    });

    it("When the provider's ratings are paged one at a time, Then newest first with the total", async () => {
      const page = async (n: number) =>
        (await api.request({ method: "GET", url: `/api/v1/agents/${provider.id}/ratings?page=${n}&limit=1` })).json();
      const [first, second, third] = [await page(1), await page(2), await page(3)];
      assert.deepEqual(first.pagination, { page: 1, limit: 1, total: 2 });
      assert.deepEqual([first.ratings[0].score, second.ratings[0].score, third.ratings], [3, 5, []]);
      assert.equal(first.ratings[0].raterAgentId, client.id);
    });

    it("When the default page is read, Then the seed's defaults (page 1, limit 20)", async () => {
      const res = await api.request({ method: "GET", url: `/api/v1/agents/${provider.id}/ratings` });
      assert.deepEqual(res.json().pagination, { page: 1, limit: 20, total: 2 });
    });

    it("Then the profile's summary and discovery show average 4 over 2 completed jobs", async () => {
      const profile = (await api.request({ method: "GET", url: `/api/v1/agents/${provider.id}` })).json();
      assert.deepEqual(profile.rating, { average: 4, count: 2 });
      const found = (await api.request({ method: "GET", url: "/api/v1/services/discover?sortBy=rating" })).json()
        .services;
      const mine = found.find((s: { id: string }) => s.id === serviceId);
      // 25 % success (2 of 2) + 25 % × (4 − 1) / 4 + the no-history 40 %
      assert.deepEqual([mine.provider.rating, mine.provider.completedJobs, mine.provider.trustScore], [4, 2, 0.8375]);
    });

    it("When both hire a service demanding trust 0.8, Then the trust gate admits the rated provider only", async () => {
      const picky = await listService(api, stranger, { name: "Picky service", minClientTrustScore: 0.8 });
      assert.equal((await hire(api, provider, picky.id)).statusCode, 201);
      const refused = await hire(api, client, picky.id);
      assert.equal(refused.statusCode, 403, refused.body);
      assert.match(refused.json().error, /0\.40/);
    });
  });

  describe("Given a third completed job", () => {
    it("When its client rates it twice at once, Then one 201 and one 409", async () => {
      const jobId = await completedJob();
      const answers = await Promise.all([rate(client, jobId, { score: 4 }), rate(client, jobId, { score: 2 })]);
      assert.deepEqual(answers.map((r) => r.statusCode).sort(), [201, 409]);
    });
  });
});
