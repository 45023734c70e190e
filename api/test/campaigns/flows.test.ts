/**
 * The seed's Campaign Flow end to end over HTTP against the real stack: create (budget
 * escrowed), discover, claim, deliver with auto-pay, manual review (accept, reject), top-up,
 * pause/resume, cancel with a refund of the unspent pool. Each flow checks the answers, the
 * mirrored ledgers, the wallet history and the vault invariant.
 */
import assert from "node:assert/strict";
import { fundedAgent, money } from "../jobs/support.js";
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
  FEE,
  getCampaign,
  listTasks,
  postOk,
  REWARD,
} from "./support.js";

describe("campaigns: flows", () => {
  let api: TestApi;
  let owner: TestAgent;
  let worker: TestAgent;
  let other: TestAgent;

  before(async () => {
    api = await startTestApi({ label: "campaign_flows" });
    owner = await fundedAgent(api, "camp-owner", 20_000_000);
    worker = await fundedAgent(api, "camp-worker");
    other = await fundedAgent(api, "camp-other");
  });
  after(() => api?.close());

  it("create escrows the budget, discover lists it, claim → deliver pays at once (autoAccept)", async () => {
    // Given the owner's and the worker's balances
    const before = { owner: await money(api, owner), worker: await money(api, worker) };

    // When the owner creates a campaign of three tasks
    const c = await createdCampaign(api, owner, { callbackUrl: "http://127.0.0.1:9/campaign" });

    // Then the whole budget is escrowed and the seed's defaults apply
    assert.equal(c.status, "active");
    assert.deepEqual([c.rewardPerTask, c.platformFeePerTask, c.costPerTask], [`${REWARD}`, `${FEE}`, `${COST}`]);
    assert.deepEqual([c.totalBudget, c.remainingBudget], [`${COST * 3}`, `${COST * 3}`]);
    assert.deepEqual(
      [c.maxPerAgent, c.dailyLimitPerAgent, c.minTrustScore, c.autoAccept, c.reviewTimeoutSecs, c.maxExecutionTimeSecs],
      [1, null, 0, true, 300, 300],
    );
    assert.deepEqual([c.maxConcurrentClaims, c.durationDays], [10, 30]);
    assert.equal(c.callbackUrl, "http://127.0.0.1:9/campaign");
    assert.deepEqual(await money(api, owner), {
      available: before.owner.available - COST * 3,
      escrowed: before.owner.escrowed + COST * 3,
    });
    await assertVaultInvariant(api);

    // And it is public: discover lists it, details hide the callbackUrl from others
    const found = await api.request({
      method: "GET",
      url: "/api/v1/campaigns/discover?category=social-media&search=tweet",
    });
    assert.equal(found.statusCode, 200, found.body);
    assert.ok(found.json().campaigns.some((x: { id: string }) => x.id === c.id));
    assert.equal((await getCampaign(api, c.id)).callbackUrl, null);

    // When the worker claims a task
    const task = await claimed(api, worker, c.id);

    // Then the seed's claim shape, and reward + fee moved from the pool into the task
    assert.deepEqual(
      [task.campaignId, task.agentId, task.amount, task.platformFee, task.totalCost, task.status],
      [c.id, worker.id, `${REWARD}`, `${FEE}`, `${COST}`, "claimed"],
    );
    assert.ok(Date.parse(task.expiresAt) > Date.now() + 200_000);
    const mid = await getCampaign(api, c.id);
    assert.deepEqual([mid.remainingBudget, mid.activeClaims], [`${COST * 2}`, 1]);
    await assertVaultInvariant(api);

    // When it delivers
    const res = await deliver(api, worker, c.id, task.id, { tweet_url: "https://x.com/agent/status/123" });
    assert.equal(res.statusCode, 200, res.body);

    // Then it is paid at once; the owner's escrow shrank by one task
    assert.equal(res.json().status, "accepted");
    assert.deepEqual(await money(api, worker), { available: before.worker.available + REWARD, escrowed: 0 });
    assert.deepEqual(await money(api, owner), {
      available: before.owner.available - COST * 3,
      escrowed: before.owner.escrowed + COST * 2,
    });
    assert.deepEqual(await entriesOf(api, worker, [task.taskAccount]), [["campaign_task_earned", `${REWARD}`]]);
    assert.deepEqual(await entriesOf(api, owner, [c.campaignAccount, task.taskAccount]), [
      ["campaign_escrow_lock", `${COST * 3}`],
      ["campaign_task_spent", `${REWARD}`],
      ["fee", `${FEE}`],
    ]);
    assert.equal((await getCampaign(api, c.id)).tasksCompleted, 1);
    await assertVaultInvariant(api);

    // And maxPerAgent 1 refuses a second claim
    const again = await claim(api, worker, c.id);
    assert.equal(again.statusCode, 409, again.body);
    assert.match(again.json().error, /limit of 1 task/);
  });

  it("manual review: accept pays, reject refills the pool and still counts; owners see all tasks, agents theirs", async () => {
    // Given a campaign under manual review, two tasks each
    const c = await createdCampaign(api, owner, { autoAccept: false, maxPerAgent: 2, totalBudget: COST * 4 });
    const before = await money(api, worker);
    const t1 = await claimed(api, worker, c.id);
    const t2 = await claimed(api, worker, c.id);
    const t3 = await claimed(api, other, c.id);

    // When both of the worker's are delivered
    for (const t of [t1, t2]) {
      const res = await deliver(api, worker, c.id, t.id, { tweet_url: `https://x.com/w/${t.id}` });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().status, "delivered");
      assert.ok(res.json().reviewBy);
    }

    // Then the worker sees only its own tasks, the owner every task
    assert.deepEqual(
      (await listTasks(api, worker, c.id)).tasks.map((t: { id: string }) => t.id).sort(),
      [t1.id, t2.id].sort(),
    );
    assert.equal((await listTasks(api, owner, c.id)).pagination.total, 3);
    assert.deepEqual(
      (await listTasks(api, other, c.id)).tasks.map((t: { id: string }) => t.id),
      [t3.id],
    );

    // When the owner accepts one and rejects the other
    const accepted = await postOk(api, owner, `${c.id}/tasks/${t1.id}/accept`);
    const rejected = await postOk(api, owner, `${c.id}/tasks/${t2.id}/reject`, { reason: "wrong hashtag" });

    // Then one is paid and the other's reward + fee went back to the pool
    assert.equal(accepted.status, "accepted");
    assert.deepEqual([rejected.status, rejected.rejectReason], ["rejected", "wrong hashtag"]);
    assert.deepEqual(await money(api, worker), { available: before.available + REWARD, escrowed: 0 });
    const after = await getCampaign(api, c.id);
    assert.deepEqual([after.remainingBudget, after.activeClaims], [`${COST * 2}`, 1]);
    await assertVaultInvariant(api);

    // And the rejected task still counts toward maxPerAgent
    const third = await claim(api, worker, c.id);
    assert.equal(third.statusCode, 409, third.body);
    // And only the owner reviews: the worker's accept is a 403
    const res = await api.request({
      method: "POST",
      url: `/api/v1/campaigns/${c.id}/tasks/${t3.id}/accept`,
      bearer: worker.apiKey,
    });
    assert.equal(res.statusCode, 404, res.body);
  });
});
