/**
 * The seed's Open Job Flow end to end over HTTP against the real stack: post, browse, apply,
 * review, accept one application, deliver, accept the delivery; and a window nobody is chosen
 * in, refunded by the sweep. Each checks the answers, the mirrored ledgers, the wallet history
 * and the vault invariant (whose audit also checks that the mirror equals the chain).
 */
import assert from "node:assert/strict";
import { DEADLINE_SWEEP_QUEUE } from "../../src/workers/deadlines/sweep-worker.js";
import type { TestAgent } from "../support/agents.js";
import { SignedInbox } from "../support/signed-inbox.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { assertVaultInvariant } from "../support/wallet.js";
import {
  acceptApplication,
  applied,
  apply,
  BUDGET,
  BUDGET_FEE,
  browseOpenJobs,
  openJobBody,
  postedOpenJob,
} from "./open-support.js";
import { advanceTime, fundedAgent, getJob, jobEntries, money, stepOk } from "./support.js";
import { jobDeliveries, jobEventsCaughtUp } from "./webhook-support.js";

describe("jobs: open job flows", () => {
  let api: TestApi;
  let client: TestAgent;
  let applicants: TestAgent[];
  let inbox: SignedInbox;

  before(async () => {
    api = await startTestApi({ label: "jobs_open_flows" });
    client = await fundedAgent(api, "open-client");
    applicants = [];
    for (const name of ["open-ann", "open-bob", "open-cy"]) applicants.push(await fundedAgent(api, name));
    inbox = await SignedInbox.open(api, [client, ...applicants]);
  });
  after(async () => {
    await inbox?.close();
    await api?.close();
  });

  it("several applicants, one accepted, the others rejected, delivered and accepted: provider paid", async () => {
    // Given the balances before
    const chosen = applicants[1]!;
    const before = { client: await money(api, client), chosen: await money(api, chosen) };

    // When the client posts an open job
    const job = await postedOpenJob(api, client);

    // Then it is open with nobody assigned, and amount + fee is locked at once
    assert.equal(job.type, "open");
    assert.equal(job.status, "open");
    assert.equal(job.providerAgentId, null);
    assert.equal(job.serviceId, null);
    assert.deepEqual([job.amount, job.platformFee], [`${BUDGET}`, `${BUDGET_FEE}`]);
    assert.equal(Date.parse(job.expiresAt) - Date.parse(job.applyBy), 300_000);
    // And a delayed crank waits for the window's end (the periodic sweep is the backstop)
    const crank = await api.ctx.queues.queue(DEADLINE_SWEEP_QUEUE).getJob(`job-apply_by-${job.id}`);
    assert.ok(crank && crank.opts.delay! > 0, "a delayed crank for apply_by");
    assert.deepEqual(await money(api, client), {
      available: before.client.available - BUDGET - BUDGET_FEE,
      escrowed: before.client.escrowed + BUDGET + BUDGET_FEE,
    });

    // And the public marketplace lists it with the client's name and trust score
    const listed = (await browseOpenJobs(api)).jobs.find((j: { id: string }) => j.id === job.id);
    assert.equal(listed.title, job.title);
    assert.equal(listed.budget, `${BUDGET}`);
    assert.deepEqual(listed.client, { id: client.id, name: "open-client", trustScore: 0.4 });
    assert.ok(listed.timeRemainingSecs > 500 && listed.timeRemainingSecs <= 600);

    // When three agents apply
    const apps = [];
    for (const agent of applicants) apps.push(await applied(api, agent, job.id, `pitch of ${agent.id}`));
    assert.equal(apps[0].status, "pending");
    assert.equal(apps[0].applicant.name, "open-ann");

    // Then the client sees them with each applicant's name, trust score and completed jobs
    const reviewed = (await getJob(api, client, job.id)).json();
    assert.deepEqual(
      reviewed.applications.map((a: { applicant: object; status: string }) => [a.applicant, a.status]),
      applicants.map((a, i) => [
        { id: a.id, name: ["open-ann", "open-bob", "open-cy"][i], trustScore: 0.4, completedJobs: 0 },
        "pending",
      ]),
    );
    // And an applicant is not a party yet
    assert.equal((await getJob(api, applicants[0]!, job.id)).statusCode, 404);

    // When the client accepts the second application
    const res = await acceptApplication(api, client, job.id, apps[1].id);

    // Then the job is accepted with that provider, on-chain as in the mirror, the rest rejected
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, "accepted");
    assert.equal(res.json().providerAgentId, chosen.id);
    const { rows } = await api.ctx.knex.raw(`select provider, status from chain_job where pubkey = ?`, [
      job.jobAccount,
    ]);
    assert.deepEqual(rows[0], { provider: chosen.wallet.publicKey.toBase58(), status: "Accepted" });
    const after = (await getJob(api, client, job.id)).json();
    assert.deepEqual(
      after.applications.map((a: { status: string }) => a.status),
      ["rejected", "accepted", "rejected"],
    );
    // And job.assigned went to the chosen provider (the job-events worker sends it)
    await jobEventsCaughtUp(api);
    assert.deepEqual(
      (await jobDeliveries(api, chosen.id, job.id)).map((h) => h.event),
      ["job.assigned"],
    );
    // And it left the marketplace; a second accept is refused
    assert.equal((await browseOpenJobs(api)).jobs.filter((j: { id: string }) => j.id === job.id).length, 0);
    assert.equal((await acceptApplication(api, client, job.id, apps[0].id)).statusCode, 409);

    // When the provider delivers and the client accepts the delivery
    assert.equal((await stepOk(api, chosen, job.id, "deliver", { output: { logo: "svg" } })).status, "delivered");
    const done = await stepOk(api, client, job.id, "accept-delivery");

    // Then the provider is paid the amount and the platform keeps the fee
    assert.equal(done.status, "completed");
    assert.deepEqual(await money(api, client), {
      available: before.client.available - BUDGET - BUDGET_FEE,
      escrowed: 0,
    });
    assert.deepEqual(await money(api, chosen), { available: before.chosen.available + BUDGET, escrowed: 0 });
    assert.deepEqual(await jobEntries(api, client, job.jobAccount), [
      ["escrow_lock", `${BUDGET + BUDGET_FEE}`],
      ["spent", `${BUDGET}`],
      ["fee", `${BUDGET_FEE}`],
    ]);
    assert.deepEqual(await jobEntries(api, chosen, job.jobAccount), [["earned", `${BUDGET}`]]);
    await assertVaultInvariant(api);
    // And the webhooks arrived signed: the chosen provider's, the client's; the others got none
    await inbox.expect(chosen, job.id, ["job.assigned", "job.completed"]);
    await inbox.expect(client, job.id, ["job.delivered"]);
    for (const other of [applicants[0]!, applicants[2]!]) assert.deepEqual(inbox.received(other, job.id), []);
  });

  it("an application window that passes with nobody chosen refunds the client (advance-time)", async () => {
    // Given an open job with a 60 s window and an applicant nobody accepts
    const before = await money(api, client);
    const job = await postedOpenJob(api, client, { applicationWindow: 60 });
    await applied(api, applicants[0]!, job.id);

    // When the window passes
    await advanceTime(api, 61);

    // Then the client has amount and fee back, and the job is expired and unlisted
    const res = await getJob(api, client, job.id);
    assert.equal(res.json().status, "expired");
    assert.deepEqual(await money(api, client), before);
    assert.deepEqual(await jobEntries(api, client, job.jobAccount), [
      ["escrow_lock", `${BUDGET + BUDGET_FEE}`],
      ["refund", `${BUDGET + BUDGET_FEE}`],
    ]);
    assert.equal((await browseOpenJobs(api)).jobs.filter((j: { id: string }) => j.id === job.id).length, 0);
    // And the application closed with it
    assert.equal((await getJob(api, client, job.id)).json().applications[0].status, "rejected");
    await assertVaultInvariant(api);
  });

  it("the client cancels an open job before choosing: refunded in full, applications closed", async () => {
    // Given an open job with an applicant
    const before = await money(api, client);
    const job = await postedOpenJob(api, client);
    await applied(api, applicants[2]!, job.id);

    // When the client cancels it
    const cancelled = await stepOk(api, client, job.id, "cancel");

    // Then amount and fee come back, the application is rejected, and nobody can apply
    assert.equal(cancelled.status, "cancelled");
    assert.deepEqual(await money(api, client), before);
    assert.deepEqual(
      (await getJob(api, client, job.id)).json().applications.map((a: { status: string }) => a.status),
      ["rejected"],
    );
    assert.equal((await apply(api, applicants[0]!, job.id)).statusCode, 409);
    await assertVaultInvariant(api);
  });

  it("an Idempotency-Key retry of a post answers the same job and locks once", async () => {
    // Given the client's balance
    const before = await money(api, client);

    // When the same post is sent twice under one key
    const key = `open-${Date.now()}`;
    const post = () =>
      api.request({
        method: "POST",
        url: "/api/v1/jobs",
        payload: openJobBody(),
        bearer: client.apiKey,
        headers: { "idempotency-key": key },
      });
    const [first, second] = [await post(), await post()];

    // Then both answer the one job, and amount + fee is locked once
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(second.json().id, first.json().id);
    assert.equal((await money(api, client)).available, before.available - BUDGET - BUDGET_FEE);
    await stepOk(api, client, first.json().id, "cancel");
  });
});
