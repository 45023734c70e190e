/**
 * What the dispute routes refuse, each with its status and reason, and that a refusal moves no
 * money: not delivered, after the review window, a stranger, twice, bad input, a claimant who
 * cannot pay the fee, non-admins on the admin routes, a second ruling. Also an Idempotency-Key
 * replay, which files and charges once.
 */
import assert from "node:assert/strict";
import { advanceTime, fundedAgent, getJob, hired, money } from "../jobs/support.js";
import { listService } from "../services/support.js";
import type { TestAgent } from "../support/agents.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { assertVaultInvariant } from "../support/wallet.js";
import { deliveredJob, dispute, disputed, feesAccrued, resolve, resolved } from "./support.js";

const PRICE = 1_000_000;
const FEE = 30_000;
const MIN_DISPUTE_FEE = 100_000; // 5 % of 1 USDC is 0.05, below the 0.10 floor

describe("disputes: refusals", () => {
  let api: TestApi;
  let client: TestAgent;
  let provider: TestAgent;
  let stranger: TestAgent;

  before(async () => {
    api = await startTestApi({ label: "disputes_refusals" });
    client = await fundedAgent(api, "refusal-client", 30_000_000);
    provider = await fundedAgent(api, "refusal-provider");
    stranger = await fundedAgent(api, "refusal-stranger");
  });
  after(() => api?.close());

  /** A client of its own: the restriction counts every dispute a client files, across tests. */
  let serial = 0;
  const freshClient = () => fundedAgent(api, `refusal-client-${++serial}`);

  it("a job that is not delivered: 409 naming its status, nothing charged", async () => {
    // Given an accepted job
    const service = await listService(api, provider, { pricePerJob: PRICE });
    const job = await hired(api, client, service.id);
    const before = await money(api, client);

    // When the client disputes it
    const res = await dispute(api, client, job.id);

    // Then it is refused and no fee is taken
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().error, "Cannot dispute: the job is accepted (needs delivered)");
    assert.deepEqual(await money(api, client), before);
  });

  it("after the review window: 409, the delivery counts as accepted", async () => {
    // Given a delivered job whose review window passes (advance-time)
    const job = await deliveredJob(api, client, provider, PRICE);
    await advanceTime(api, 301);
    const before = await money(api, client);

    // When the client disputes it
    const res = await dispute(api, client, job.id);

    // Then it is refused: the sweep released it
    assert.equal(res.statusCode, 409, res.body);
    assert.match(res.json().error, /^Cannot dispute: the job is completed/);
    assert.deepEqual(await money(api, client), before);
    await assertVaultInvariant(api);
  });

  it("a stranger gets 404; bad reasons and long descriptions 400", async () => {
    // Given a delivered job
    const job = await deliveredJob(api, client, provider, PRICE);

    // When someone who is no party disputes it, or a party sends bad input
    const byStranger = await dispute(api, stranger, job.id);
    const badReason = await dispute(api, client, job.id, { reason: "boredom" });
    const noReason = await dispute(api, client, job.id, { description: "why" });
    const long = await dispute(api, client, job.id, { reason: "other", description: "x".repeat(1001) });
    const unknown = await dispute(api, client, "no-such-job");

    // Then each is refused with its status, and the job is still delivered
    assert.equal(byStranger.statusCode, 404, byStranger.body);
    assert.equal(byStranger.json().error, "Job not found");
    assert.equal(unknown.statusCode, 404, unknown.body);
    for (const res of [badReason, noReason, long]) assert.equal(res.statusCode, 400, res.body);
    assert.match(badReason.json().error, /^reason: /);
    assert.match(long.json().error, /^description: /);
    assert.equal((await getJob(api, client, job.id)).json().status, "delivered");
  });

  it("twice: the second filing, by either party, is 409 and charges nothing", async () => {
    // Given a job the client disputed
    const job = await deliveredJob(api, client, provider, PRICE);
    await disputed(api, client, job.id);
    const before = { client: await money(api, client), provider: await money(api, provider) };

    // When the client files again, and the provider files too
    const again = await dispute(api, client, job.id);
    const other = await dispute(api, provider, job.id, { reason: "fraud" });

    // Then both are refused and nobody pays a second fee
    assert.equal(again.statusCode, 409, again.body);
    assert.equal(again.json().error, "This job is already disputed");
    assert.equal(other.statusCode, 409, other.body);
    assert.deepEqual({ client: await money(api, client), provider: await money(api, provider) }, before);
    await assertVaultInvariant(api);
  });

  it("an Idempotency-Key replay answers the first filing and charges once", async () => {
    // Given a delivered job
    const job = await deliveredJob(api, client, provider, PRICE);
    const before = await money(api, client);
    const file = () =>
      api.request({
        method: "POST",
        url: `/api/v1/jobs/${job.id}/dispute`,
        payload: { reason: "incomplete" },
        headers: { "idempotency-key": `dispute-${job.id}` },
        bearer: client.apiKey,
      });

    // When the same filing is sent twice under one key
    const first = await file();
    const second = await file();

    // Then the second is the first's answer, replayed, and the fee was taken once
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(second.statusCode, 201, second.body);
    assert.equal(second.headers["idempotent-replayed"], "true");
    assert.deepEqual(second.json(), first.json());
    assert.equal((await money(api, client)).available, before.available - MIN_DISPUTE_FEE);
  });

  it("a claimant who cannot pay the fee: 400 saying so, the job still delivered", async () => {
    // Given a client left with less than the 0.10 USDC minimum fee after hiring
    const poor = await fundedAgent(api, "refusal-poor", 1_000_000 + PRICE + FEE + 60_000);
    const job = await deliveredJob(api, poor, provider, PRICE);
    const before = { poor: await money(api, poor), fees: await feesAccrued(api) };
    assert.equal(before.poor.available, 60_000);

    // When it disputes the delivery
    const res = await dispute(api, poor, job.id);

    // Then it is refused with the fee and the balance, and nothing moved
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(
      res.json().error,
      `Insufficient balance for the dispute fee: it is ${MIN_DISPUTE_FEE} micro-USDC and you have 60000 available`,
    );
    assert.deepEqual({ poor: await money(api, poor), fees: await feesAccrued(api) }, before);
    assert.equal((await getJob(api, poor, job.id)).json().status, "delivered");
    await assertVaultInvariant(api);
  });

  it("admin routes: 401 without the admin key; 404 without a dispute; 400 on a bad outcome", async () => {
    // Given a disputed job
    const client = await freshClient();
    const job = await deliveredJob(api, client, provider, PRICE);
    await disputed(api, client, job.id);

    // When agents, or nobody, call the admin routes
    const listByAgent = await api.request({ method: "GET", url: "/api/v1/admin/disputes", bearer: client.apiKey });
    const listAnon = await api.request({ method: "GET", url: "/api/v1/admin/disputes" });
    const resolveByAgent = await resolve(api, job.id, { outcome: "claimant" }, client.apiKey);
    const resolveAnon = await api.request({
      method: "POST",
      url: `/api/v1/admin/disputes/${job.id}/resolve`,
      payload: { outcome: "claimant" },
    });
    // And the admin names a job without a dispute, or an unknown ruling
    const undisputed = await deliveredJob(api, client, provider, PRICE);
    const noDispute = await resolve(api, undisputed.id, { outcome: "claimant" });
    const unknown = await resolve(api, "no-such-job", { outcome: "claimant" });
    const badOutcome = await resolve(api, job.id, { outcome: "client" });

    // Then each is refused, and the dispute is still open
    for (const res of [listByAgent, listAnon, resolveByAgent, resolveAnon]) assert.equal(res.statusCode, 401, res.body);
    assert.equal(noDispute.statusCode, 404, noDispute.body);
    assert.equal(noDispute.json().error, "Dispute not found");
    assert.equal(unknown.statusCode, 404, unknown.body);
    assert.equal(badOutcome.statusCode, 400, badOutcome.body);
    assert.equal((await getJob(api, client, job.id)).json().status, "disputed");
  });

  it("resolving twice: 409, whatever the second ruling, and the money moved once", async () => {
    // Given a dispute the arbiter ruled on
    const client = await freshClient();
    const job = await deliveredJob(api, client, provider, PRICE);
    await disputed(api, client, job.id);
    await resolved(api, job.id, { outcome: "respondent" });
    const before = { client: await money(api, client), provider: await money(api, provider) };

    // When it is resolved again, the same way or another
    const same = await resolve(api, job.id, { outcome: "respondent" });
    const other = await resolve(api, job.id, { outcome: "claimant" });

    // Then both are refused
    for (const res of [same, other]) {
      assert.equal(res.statusCode, 409, res.body);
      assert.equal(res.json().error, "This dispute is already resolved");
    }
    assert.deepEqual({ client: await money(api, client), provider: await money(api, provider) }, before);
    // And the admin list shows it among the resolved, not the open
    const open = (await api.request({ method: "GET", url: "/api/v1/admin/disputes", bearer: api.adminKey })).json();
    const done = (
      await api.request({ method: "GET", url: "/api/v1/admin/disputes?status=resolved", bearer: api.adminKey })
    ).json();
    assert.ok(!open.disputes.some((d: { jobId: string }) => d.jobId === job.id));
    const listed = done.disputes.find((d: { jobId: string }) => d.jobId === job.id);
    assert.equal(listed.outcome, "respondent");
    assert.equal(done.pagination.total, done.disputes.length);
    await assertVaultInvariant(api);
  });
});
