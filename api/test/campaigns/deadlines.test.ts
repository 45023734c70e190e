/**
 * Campaign deadlines and endings over HTTP, with `POST /dev/advance-time` running the sweeps:
 * a claim expiring back to the pool, a manual review auto-accepted, the budget running out
 * (auto-complete, campaign.completed) and reactivation by top-up, pause/resume, and a cancel
 * with tasks in flight. Ledgers and the vault invariant are checked after each step.
 */
import assert from "node:assert/strict";
import { PublicKey } from "@solana/web3.js";
import { acceptTaskInstruction } from "../../src/campaigns/campaign-instructions.js";
import { DEADLINES } from "../../src/workers/deadlines/index.js";
import { DEADLINE_SWEEP_QUEUE } from "../../src/workers/deadlines/sweep-worker.js";
import { advanceTime, fundedAgent, money } from "../jobs/support.js";
import type { TestAgent } from "../support/agents.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { assertVaultInvariant } from "../support/wallet.js";
import {
  COST,
  claim,
  claimed,
  createdCampaign,
  deliver,
  entriesOf,
  getCampaign,
  listTasks,
  postOk,
  REWARD,
} from "./support.js";

const OUTPUT = { tweet_url: "https://x.com/agent/status/1" };

describe("campaigns: deadlines and endings", () => {
  let api: TestApi;
  let owner: TestAgent;

  before(async () => {
    api = await startTestApi({ label: "campaign_deadlines" });
    owner = await fundedAgent(api, "dl-owner", 20_000_000);
    await api.ctx.knex.raw(`update agents set callback_url = ? where id = ?`, ["http://127.0.0.1:9/owner", owner.id]);
  });
  after(() => api?.close());

  const taskOf = async (agent: TestAgent, campaignId: string, taskId: string) =>
    (await listTasks(api, agent, campaignId)).tasks.find((t: { id: string }) => t.id === taskId);

  it("a claim not delivered by expiresAt goes back to the pool (advance-time) and cannot be delivered", async () => {
    // Given a claimed task with its delayed crank
    const worker = await fundedAgent(api, "dl-expire");
    const c = await createdCampaign(api, owner, { maxPerAgent: 2 });
    const task = await claimed(api, worker, c.id);
    const crank = await api.ctx.queues.queue(DEADLINE_SWEEP_QUEUE).getJob(`job-deliver_by-task-${task.id}`);
    assert.ok(crank && crank.opts.delay! > 0, "a delayed crank for the claim's expiry");

    // When the claim timeout passes
    await advanceTime(api, 301);

    // Then the task expired and reward + fee are back in the pool
    assert.equal((await taskOf(worker, c.id, task.id)).status, "expired");
    const after = await getCampaign(api, c.id);
    assert.deepEqual([after.remainingBudget, after.activeClaims], [`${COST * 3}`, 0]);
    const late = await deliver(api, worker, c.id, task.id, OUTPUT);
    assert.equal(late.statusCode, 409, late.body);
    assert.deepEqual(await money(api, worker), { available: 9_000_000, escrowed: 0 });
    await assertVaultInvariant(api);
    // And the owner was told, at its profile URL
    const { rows } = await api.ctx.knex.raw(
      `select event from webhook_deliveries where agent_id = ? and payload->'task'->>'id' = ? order by created_at`,
      [owner.id, task.id],
    );
    assert.deepEqual(
      rows.map((r: { event: string }) => r.event),
      ["campaign.task_claimed", "campaign.task_expired"],
    );

    // And the expired claim still counts: one more is allowed (maxPerAgent 2), then 409
    await claimed(api, worker, c.id);
    assert.equal((await claim(api, worker, c.id)).statusCode, 409);
  });

  it("a manual review not answered within reviewTimeoutSecs is auto-accepted", async () => {
    // Given a delivered task under manual review
    const worker = await fundedAgent(api, "dl-review");
    const c = await createdCampaign(api, owner, { autoAccept: false, reviewTimeoutSecs: 60 });
    const task = await claimed(api, worker, c.id);
    assert.equal((await deliver(api, worker, c.id, task.id, OUTPUT)).statusCode, 200);

    // When the review window passes without a decision
    await advanceTime(api, 61);

    // Then the worker is paid
    assert.equal((await taskOf(worker, c.id, task.id)).status, "accepted");
    assert.deepEqual(await money(api, worker), { available: 9_000_000 + REWARD, escrowed: 0 });
    assert.deepEqual(await entriesOf(api, worker, [task.taskAccount]), [["campaign_task_earned", `${REWARD}`]]);
    await assertVaultInvariant(api);
  });

  it("auto-completes when the budget is below one task with none active; a top-up reactivates it", async () => {
    // Given a campaign funded for one task and a remainder
    const worker = await fundedAgent(api, "dl-complete");
    const second = await fundedAgent(api, "dl-complete-2");
    const c = await createdCampaign(api, owner, { totalBudget: COST + 1_000 });

    // When its only task is paid
    const task = await claimed(api, worker, c.id);
    assert.equal((await deliver(api, worker, c.id, task.id, OUTPUT)).json().status, "accepted");

    // Then it is completed, claims are refused, and the owner got campaign.completed
    const done = await getCampaign(api, c.id);
    assert.deepEqual([done.status, done.remainingBudget], ["completed", "1000"]);
    assert.equal((await claim(api, second, c.id)).statusCode, 409);
    const { rows } = await api.ctx.knex.raw(
      `select event, url from webhook_deliveries where agent_id = ? and event = 'campaign.completed' and payload->'campaign'->>'id' = ?`,
      [owner.id, c.id],
    );
    assert.deepEqual(rows, [{ event: "campaign.completed", url: "http://127.0.0.1:9/owner" }]);

    // When the owner tops it up by one task
    const before = await money(api, owner);
    const topped = await postOk(api, owner, `${c.id}/top-up`, { amount: COST });

    // Then it is active again with the remainder plus the top-up
    assert.deepEqual(
      [topped.status, topped.remainingBudget, topped.totalBudget],
      ["active", `${COST + 1_000}`, `${COST * 2 + 1_000}`],
    );
    assert.deepEqual(await money(api, owner), { available: before.available - COST, escrowed: before.escrowed + COST });
    assert.deepEqual((await entriesOf(api, owner, [c.campaignAccount])).at(-1), ["campaign_topup", `${COST}`]);
    await claimed(api, second, c.id);
    await assertVaultInvariant(api);
  });

  it("pause refuses claims, in-progress work continues; resume takes claims again", async () => {
    // Given a campaign with a claimed task
    const worker = await fundedAgent(api, "dl-pause");
    const late = await fundedAgent(api, "dl-pause-2");
    const c = await createdCampaign(api, owner);
    const task = await claimed(api, worker, c.id);

    // When the owner pauses it
    assert.equal((await postOk(api, owner, `${c.id}/pause`)).status, "paused");

    // Then new claims are refused but the claimed task is delivered and paid
    const refused = await claim(api, late, c.id);
    assert.equal(refused.statusCode, 409, refused.body);
    assert.match(refused.json().error, /paused/);
    assert.equal((await deliver(api, worker, c.id, task.id, OUTPUT)).json().status, "accepted");
    const discover = await api.request({ method: "GET", url: "/api/v1/campaigns/discover?limit=100" });
    assert.ok(!discover.json().campaigns.some((x: { id: string }) => x.id === c.id), "paused campaigns are not listed");

    // When it is resumed
    assert.equal((await postOk(api, owner, `${c.id}/resume`)).status, "active");

    // Then claims are taken again
    await claimed(api, late, c.id);
    await assertVaultInvariant(api);
  });

  it("cancel refunds the pool and undelivered tasks; a delivered one still settles, then the campaign closes", async () => {
    // Given a campaign of four tasks: one claimed, one delivered under review
    const a = await fundedAgent(api, "dl-cancel-a");
    const b = await fundedAgent(api, "dl-cancel-b");
    const before = await money(api, owner);
    const c = await createdCampaign(api, owner, { autoAccept: false, totalBudget: COST * 4 });
    const claimedTask = await claimed(api, a, c.id);
    const delivered = await claimed(api, b, c.id);
    assert.equal((await deliver(api, b, c.id, delivered.id, OUTPUT)).statusCode, 200);

    // When the owner cancels
    const cancelled = await postOk(api, owner, `${c.id}/cancel`);

    // Then the pool and the undelivered task came back; only the delivered task stays escrowed
    assert.equal(cancelled.status, "cancelled");
    assert.equal((await taskOf(a, c.id, claimedTask.id)).status, "expired");
    assert.deepEqual(await money(api, owner), { available: before.available - COST, escrowed: before.escrowed + COST });
    assert.equal((await deliver(api, a, c.id, claimedTask.id, OUTPUT)).statusCode, 409);
    await assertVaultInvariant(api);

    // When the delivered task's review window passes
    await advanceTime(api, 301);

    // Then it was paid, nothing is escrowed, and the campaign account is closed
    assert.equal((await taskOf(b, c.id, delivered.id)).status, "accepted");
    assert.deepEqual(await money(api, owner), { available: before.available - COST, escrowed: before.escrowed });
    assert.deepEqual(await money(api, b), { available: 9_000_000 + REWARD, escrowed: 0 });
    const { rows } = await api.ctx.knex.raw(`select closed_at from chain_campaign where pubkey = ?`, [
      c.campaignAccount,
    ]);
    assert.ok(rows[0].closed_at, "the cancelled campaign closed once its last task settled");
    assert.equal((await getCampaign(api, c.id)).status, "cancelled");
    assert.deepEqual(
      (await entriesOf(api, owner, [c.campaignAccount, claimedTask.taskAccount])).map(([t]: string[]) => t),
      ["campaign_escrow_lock", "campaign_refund", "campaign_refund"],
    );
    await assertVaultInvariant(api);
  });

  it("after durationDays no claims are taken and the sweep sends the remainder home", async () => {
    // Given a one-day campaign with one task paid
    const worker = await fundedAgent(api, "dl-end");
    const before = await money(api, owner);
    const c = await createdCampaign(api, owner, { durationDays: 1 });
    const task = await claimed(api, worker, c.id);
    assert.equal((await deliver(api, worker, c.id, task.id, OUTPUT)).json().status, "accepted");

    // When the day has passed
    await advanceTime(api, 86_401);

    // Then the campaign ended: claims are refused and the unspent pool is the owner's again
    assert.equal((await claim(api, await fundedAgent(api, "dl-end-late"), c.id)).statusCode, 409);
    assert.equal((await getCampaign(api, c.id)).status, "cancelled");
    assert.deepEqual(await money(api, owner), { available: before.available - COST, escrowed: before.escrowed });
    assert.deepEqual((await entriesOf(api, owner, [c.campaignAccount])).at(-1), ["campaign_refund", `${COST * 2}`]);
    await assertVaultInvariant(api);
  });

  it("a task settled outside the API (the owner's wallet calling the program) is recorded by the sweep", async () => {
    // Given a delivered task under manual review
    const worker = await fundedAgent(api, "dl-outside");
    const c = await createdCampaign(api, owner, { autoAccept: false });
    const task = await claimed(api, worker, c.id);
    assert.equal((await deliver(api, worker, c.id, task.id, OUTPUT)).statusCode, 200);

    // When the owner's wallet accepts it with the program's own instruction
    const ix = await acceptTaskInstruction(
      api.ctx,
      {
        campaign: new PublicKey(c.campaignAccount),
        task: new PublicKey(task.taskAccount),
        agent: worker.wallet.publicKey,
        owner: owner.wallet.publicKey,
      },
      owner.wallet.publicKey,
    );
    await api.ctx.waitForSlot((await api.ctx.tx.execute(`outside-accept:${task.id}`, "accept_task", [ix])).slot);
    await DEADLINES.runDue(api.ctx, await api.ctx.chain.unixTime());

    // Then the task shows accepted, the worker is paid, and the owner's webhook went out
    assert.equal((await taskOf(worker, c.id, task.id)).status, "accepted");
    assert.deepEqual(await money(api, worker), { available: 9_000_000 + REWARD, escrowed: 0 });
    const { rows } = await api.ctx.knex.raw(`select phase from campaign_tasks where id = ?`, [task.id]);
    assert.equal(rows[0].phase, "settled");
    const { rows: hooks } = await api.ctx.knex.raw(
      `select count(*)::int as n from webhook_deliveries where agent_id = ? and event = 'campaign.task_accepted' and payload->'task'->>'id' = ?`,
      [owner.id, task.id],
    );
    assert.equal(hooks[0].n, 1);
    await assertVaultInvariant(api);
  });
});
