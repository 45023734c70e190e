/**
 * Client abuse protection (SEED_API.md, "Client Reputation"): a client with 3+ disputes filed
 * and a dispute rate (filed / (completed + filed)) of 40 % or more cannot hire, post open jobs
 * or file disputes, and the restriction lifts by itself as completed jobs bring the rate down.
 * The profile and the job responses show the three numbers.
 */
import assert from "node:assert/strict";
import { fundedAgent, getJob, hire, hired, money, stepOk } from "../jobs/support.js";
import { listService } from "../services/support.js";
import type { TestAgent } from "../support/agents.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { assertVaultInvariant } from "../support/wallet.js";
import { dispute, disputed, OUTPUT } from "./support.js";

const PRICE = 1_000_000;

describe("disputes: client restriction", () => {
  let api: TestApi;
  let client: TestAgent;
  let provider: TestAgent;
  let serviceId: string;

  before(async () => {
    api = await startTestApi({ label: "disputes_restriction" });
    client = await fundedAgent(api, "restricted-client", 40_000_000);
    provider = await fundedAgent(api, "restricted-provider");
    serviceId = (await listService(api, provider, { pricePerJob: PRICE, maxConcurrentJobs: 20 })).id;
  });
  after(() => api?.close());

  const deliver = (jobId: string) => stepOk(api, provider, jobId, "deliver", { output: OUTPUT });
  const complete = async (jobId: string) => {
    await deliver(jobId);
    return stepOk(api, client, jobId, "accept-delivery");
  };

  async function standing(viewer: TestAgent = client) {
    const me = await api.request({ method: "GET", url: "/api/v1/agents/me", bearer: client.apiKey });
    const pub = await api.request({ method: "GET", url: `/api/v1/agents/${client.id}`, bearer: viewer.apiKey });
    assert.equal(me.statusCode, 200, me.body);
    assert.equal(pub.statusCode, 200, pub.body);
    const pick = (p: Record<string, unknown>) => ({
      totalDisputesFiled: p.totalDisputesFiled,
      clientDisputeRate: p.clientDisputeRate,
      clientRestricted: p.clientRestricted,
    });
    assert.deepEqual(pick(pub.json()), pick(me.json()), "the public profile shows the same standing");
    return pick(me.json());
  }

  const openJob = () =>
    api.request({
      method: "POST",
      url: "/api/v1/jobs",
      payload: {
        type: "open",
        title: "Summarize a report",
        category: "text-processing",
        description: "Ten bullets from a long report",
        amount: PRICE,
        input: { text: "report" },
      },
      bearer: client.apiKey,
    });

  it("3 disputes at 60% restrict hiring and disputing; completed jobs lift it below 40%", async () => {
    // Given a newcomer with a clean standing
    assert.deepEqual(await standing(), { totalDisputesFiled: 0, clientDisputeRate: 0, clientRestricted: false });

    // And two completed jobs, three more in progress, and three disputed deliveries
    for (let i = 0; i < 2; i++) await complete((await hired(api, client, serviceId)).id);
    const inProgress = [];
    for (let i = 0; i < 3; i++) inProgress.push((await hired(api, client, serviceId)).id);
    const toDispute = [];
    for (let i = 0; i < 3; i++) toDispute.push((await hired(api, client, serviceId)).id);
    for (const id of toDispute.slice(0, 2)) {
      await deliver(id);
      await disputed(api, client, id);
    }

    // Then two disputes (50%) do not restrict yet: it takes three
    assert.deepEqual(await standing(), { totalDisputesFiled: 2, clientDisputeRate: 0.5, clientRestricted: false });

    // When the client files the third
    await deliver(toDispute[2]);
    const third = await disputed(api, client, toDispute[2]);

    // Then it is restricted: 3 / (2 + 3) = 60%, on the profiles and on its jobs
    const restricted = { totalDisputesFiled: 3, clientDisputeRate: 0.6, clientRestricted: true };
    assert.deepEqual(await standing(provider), restricted);
    assert.deepEqual(third.clientReputation, restricted, "the filing's answer counts itself");
    assert.deepEqual((await getJob(api, provider, toDispute[2])).json().clientReputation, restricted);
    const list = await api.request({ method: "GET", url: "/api/v1/jobs?role=client&limit=100", bearer: client.apiKey });
    assert.equal(list.json().jobs.length, 8);
    for (const job of list.json().jobs) assert.deepEqual(job.clientReputation, restricted);

    // When it tries to hire, post an open job, or dispute another delivery
    const before = await money(api, client);
    const hiring = await hire(api, client, serviceId);
    const posting = await openJob();
    await deliver(inProgress[0]);
    const disputing = await dispute(api, client, inProgress[0]);

    // Then all three are refused with why, and nothing was locked or charged
    for (const res of [hiring, posting, disputing]) assert.equal(res.statusCode, 403, res.body);
    assert.equal(
      hiring.json().error,
      "You are restricted from creating jobs: you filed 3 disputes, a dispute rate of 60% (restricted at 3+ disputes and 40%+). The restriction lifts as you complete jobs without disputing.",
    );
    assert.equal(posting.json().error, hiring.json().error);
    assert.match(disputing.json().error, /^You are restricted from filing disputes: you filed 3 disputes/);
    assert.deepEqual(await money(api, client), before);

    // When it completes its jobs in progress: 3/6 = 50%, 3/7 ≈ 42.86% still restricted
    await stepOk(api, client, inProgress[0], "accept-delivery");
    await complete(inProgress[1]);
    assert.deepEqual(await standing(), { totalDisputesFiled: 3, clientDisputeRate: 0.4286, clientRestricted: true });
    assert.equal((await hire(api, client, serviceId)).statusCode, 403);
    await complete(inProgress[2]);

    // Then at 3/8 = 37.5% the restriction has lifted by itself, and it can hire again
    const lifted = { totalDisputesFiled: 3, clientDisputeRate: 0.375, clientRestricted: false };
    assert.deepEqual(await standing(), lifted);
    const again = await hire(api, client, serviceId);
    assert.equal(again.statusCode, 201, again.body);
    assert.deepEqual(again.json().clientReputation, lifted);
    assert.equal((await openJob()).statusCode, 201);
    await assertVaultInvariant(api);
  });

  it("disputes a provider files do not count against it as a client", async () => {
    // Given an agent that hires nothing and disputes, as provider, a delivery its client ignores
    const buyer = await fundedAgent(api, "restriction-buyer");
    const service = await listService(api, client, { pricePerJob: PRICE });
    const job = await hired(api, buyer, service.id);
    await stepOk(api, client, job.id, "deliver", { output: OUTPUT });

    // When the provider files the dispute
    const filed = await disputed(api, client, job.id, { reason: "other" });

    // Then its client standing is unchanged, and the buyer's too (it filed nothing)
    assert.equal(filed.dispute.party, "provider");
    assert.deepEqual(await standing(), { totalDisputesFiled: 3, clientDisputeRate: 0.375, clientRestricted: false });
    assert.deepEqual(filed.clientReputation, { totalDisputesFiled: 0, clientDisputeRate: 0, clientRestricted: false });
  });
});
