/**
 * Reports over HTTP (SEED_API.md, "Reports"): what each target counts against, the refusals,
 * the trust score moving in the report's transaction, the admin's dismiss and action, expiry
 * after 30 days (through advance-time) and recovery by 5 successful jobs.
 */
import assert from "node:assert/strict";
import { warningFor } from "../../src/reports/warning.js";
import { refreshStaleReputations } from "../../src/trust/agent-reputation.js";
import { advanceTime, fundedAgent, hired, stepOk } from "../jobs/support.js";
import { listService } from "../services/support.js";
import { createTestAgent, type TestAgent } from "../support/agents.js";
import { startTestApi, type TestApi } from "../support/test-api.js";

const NEW_AGENT = 0.4;
/** One pending report costs a fifth of the 10 % report component. */
const PER_REPORT = 0.02;

describe("reports: filing, moderation, expiry and recovery", () => {
  let api: TestApi;
  let reporter: TestAgent;
  let target: TestAgent;

  const report = (agent: TestAgent, payload: object) =>
    api.request({ method: "POST", url: "/api/v1/reports", payload, bearer: agent.apiKey });
  const trustOf = async (agent: TestAgent) => {
    const { rows } = await api.ctx.knex.raw(`select trust_score from agent_reputation where agent_id = ?`, [agent.id]);
    return rows[0]?.trust_score ?? NEW_AGENT;
  };
  const statusOf = async (id: string) =>
    (await api.ctx.knex.raw(`select status from reports where id = ?`, [id])).rows[0].status;
  const admin = (path: string, payload?: object) =>
    api.request({
      method: path.startsWith("GET ") ? "GET" : "POST",
      url: path.replace(/^GET /, ""),
      payload,
      bearer: api.adminKey,
    });

  before(async () => {
    api = await startTestApi({ label: "reports" });
    reporter = await fundedAgent(api, "report-reporter");
    target = await fundedAgent(api, "report-target");
  });
  after(() => api?.close());

  it("Given an agent, When reported, Then 201 and its trust score drops in the same step", async () => {
    const res = await report(reporter, {
      targetType: "agent",
      targetId: target.id,
      reason: "spam",
      description: "Unsolicited",
    });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json();
    assert.equal(body.targetAgentId, target.id);
    assert.equal(body.status, "pending");
    assert.equal(await trustOf(target), NEW_AGENT - PER_REPORT);
    // When reported again by the same reporter, Then 409 and nothing changes
    const again = await report(reporter, { targetType: "agent", targetId: target.id, reason: "fraud" });
    assert.equal(again.statusCode, 409, again.body);
    assert.equal(await trustOf(target), NEW_AGENT - PER_REPORT);
    // And the admin dismisses it: the score is back
    const dismissed = await admin(`/api/v1/admin/reports/${body.id}/dismiss`, { note: "not spam" });
    assert.equal(dismissed.statusCode, 200, dismissed.body);
    assert.equal(dismissed.json().status, "dismissed");
    assert.equal(dismissed.json().resolutionNote, "not spam");
    assert.equal(await trustOf(target), NEW_AGENT);
    assert.equal((await admin(`/api/v1/admin/reports/${body.id}/action`)).statusCode, 409);
  });

  it("Given self-reports, unknown targets and bad fields, When filed, Then 400/404 and no row", async () => {
    const service = await listService(api, reporter);
    const count = async () => Number((await api.ctx.knex.raw(`select count(*) as n from reports`)).rows[0].n);
    const before = await count();
    for (const [payload, code] of [
      [{ targetType: "agent", targetId: reporter.id, reason: "spam" }, 400],
      [{ targetType: "service", targetId: service.id, reason: "spam" }, 400],
      [{ targetType: "agent", targetId: "cnobody", reason: "spam" }, 404],
      [{ targetType: "service", targetId: "cnothing", reason: "spam" }, 404],
      [{ targetType: "planet", targetId: target.id, reason: "spam" }, 400],
      [{ targetType: "agent", targetId: target.id, reason: "boring" }, 400],
      [{ targetType: "agent", targetId: target.id, reason: "spam", description: "x".repeat(1001) }, 400],
    ] as const) {
      const res = await report(reporter, payload);
      assert.equal(res.statusCode, code, `${JSON.stringify(payload)}: ${res.body}`);
    }
    assert.equal(await count(), before);
    const unactivated = await createTestAgent(api, "report-unactivated");
    assert.equal(
      (await report(unactivated, { targetType: "agent", targetId: target.id, reason: "spam" })).statusCode,
      403,
    );
    // Authentication comes before validation: without a key even a bad body is a 401.
    assert.equal((await api.request({ method: "POST", url: "/api/v1/reports", payload: {} })).statusCode, 401);
    assert.equal((await report(unactivated, {})).statusCode, 403);
  });

  it("Given a job, When a party reports it, Then it counts against the other party; a stranger gets 404", async () => {
    const service = await listService(api, target, { pricePerJob: 100_000, autoAccept: true });
    const job = await hired(api, reporter, service.id);
    const stranger = await fundedAgent(api, "report-stranger");
    assert.equal((await report(stranger, { targetType: "job", targetId: job.id, reason: "fraud" })).statusCode, 404);
    const res = await report(reporter, { targetType: "job", targetId: job.id, reason: "fraud" });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().targetAgentId, target.id);
    await admin(`/api/v1/admin/reports/${res.json().id}/dismiss`);
    await stepOk(api, reporter, job.id, "cancel");
  });

  it("Given a reported service, When the admin actions the report, Then the service is deactivated", async () => {
    const service = await listService(api, target);
    const filed = (await report(reporter, { targetType: "service", targetId: service.id, reason: "illegal" })).json();
    const listed = await admin("GET /api/v1/admin/reports?status=pending");
    assert.ok(
      listed
        .json()
        .reports.some(
          (r: { id: string; reporterAgentId: string }) => r.id === filed.id && r.reporterAgentId === reporter.id,
        ),
    );
    const actioned = await admin(`/api/v1/admin/reports/${filed.id}/action`);
    assert.equal(actioned.statusCode, 200, actioned.body);
    const { rows } = await api.ctx.knex.raw(`select is_active from services where id = ?`, [service.id]);
    assert.equal(rows[0].is_active, false);
    assert.equal(await trustOf(target), NEW_AGENT);
    assert.equal(
      (await api.request({ method: "GET", url: "/api/v1/admin/reports", bearer: reporter.apiKey })).statusCode,
      401,
    );
  });

  it("Given pending report counts, Then the badge is low for 1-2, medium for 3-4, high from 5", () => {
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5, 9].map((n) => warningFor(n)?.level ?? null),
      [null, "low", "low", "medium", "medium", "high", "high"],
    );
  });

  it("Given a reported provider, Then its profile, its services and its jobs carry the warning badge", async () => {
    const provider = await fundedAgent(api, "report-badged");
    const service = await listService(api, provider, { pricePerJob: 100_000, autoAccept: true });
    const job = await hired(api, reporter, service.id);
    const reporters = [reporter, ...(await Promise.all(["d", "e"].map((n) => fundedAgent(api, `report-${n}`))))];
    const badges = async () => ({
      profile: (await api.request({ method: "GET", url: `/api/v1/agents/${provider.id}` })).json(),
      service: (await api.request({ method: "GET", url: `/api/v1/services/${service.id}` })).json().provider.warning,
      job: (await api.request({ method: "GET", url: `/api/v1/jobs/${job.id}`, bearer: reporter.apiKey })).json()
        .warnings,
    });
    const clean = await badges();
    assert.equal(clean.profile.warning, null);
    assert.deepEqual(clean.job, { client: null, provider: null });
    for (const who of reporters) await report(who, { targetType: "agent", targetId: provider.id, reason: "spam" });
    const badged = await badges();
    const medium = { level: "medium", pendingReportCount: 3 };
    assert.deepEqual(badged.profile.warning, medium);
    assert.equal(badged.profile.pendingReportCount, 3);
    assert.equal(badged.profile.trustScore, NEW_AGENT - 3 * PER_REPORT);
    assert.deepEqual(badged.service, medium);
    assert.deepEqual(badged.job, { client: null, provider: medium });
    await stepOk(api, reporter, job.id, "cancel");
  });

  it("Given reports from three agents, When 30 days pass without a new one, Then all expire and the score recovers", async () => {
    const victim = await fundedAgent(api, "report-victim");
    const ids: string[] = [];
    for (const name of ["a", "b", "c"]) {
      const who = await fundedAgent(api, `report-${name}`);
      ids.push((await report(who, { targetType: "agent", targetId: victim.id, reason: "abuse" })).json().id);
    }
    assert.equal(await trustOf(victim), NEW_AGENT - 3 * PER_REPORT);
    await advanceTime(api, 29 * 86_400);
    assert.deepEqual(await Promise.all(ids.map(statusOf)), ["pending", "pending", "pending"]);
    await advanceTime(api, 2 * 86_400);
    assert.deepEqual(await Promise.all(ids.map(statusOf)), ["expired", "expired", "expired"]);
    assert.equal(await trustOf(victim), NEW_AGENT);
  });

  it("Given two pending reports, When the agent completes 5 jobs, Then the oldest is dismissed; 10 jobs, both", async () => {
    const provider = await fundedAgent(api, "report-recovering");
    const client = await fundedAgent(api, "report-client", 20_000_000);
    const first = (await report(reporter, { targetType: "agent", targetId: provider.id, reason: "other" })).json().id;
    const second = (await report(client, { targetType: "agent", targetId: provider.id, reason: "other" })).json().id;
    const service = await listService(api, provider, { pricePerJob: 100_000, autoAccept: true });
    const completeJobs = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const job = await hired(api, client, service.id);
        await stepOk(api, provider, job.id, "deliver", { output: { bullets: ["ok"] } });
        await stepOk(api, client, job.id, "accept-delivery");
      }
      await refreshStaleReputations(api.ctx.knex);
    };
    await completeJobs(4);
    assert.deepEqual([await statusOf(first), await statusOf(second)], ["pending", "pending"]);
    await completeJobs(1);
    assert.deepEqual([await statusOf(first), await statusOf(second)], ["recovered", "pending"]);
    // Recomputing again does not spend the same five jobs twice.
    await refreshStaleReputations(api.ctx.knex);
    await api.ctx.knex.raw(`update agent_reputation set stale = true where agent_id = ?`, [provider.id]);
    await refreshStaleReputations(api.ctx.knex);
    assert.equal(await statusOf(second), "pending");
    await completeJobs(5);
    assert.deepEqual([await statusOf(first), await statusOf(second)], ["recovered", "recovered"]);
  });
});
