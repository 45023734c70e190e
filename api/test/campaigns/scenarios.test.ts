/**
 * The seed's three campaign use cases (SEED_API.md, "Campaigns") as scenarios over HTTP on the
 * real stack: a Twitter promo that 200 agents race to until its budget runs out, a daily report
 * limited to one per agent per UTC day across a day boundary (advance-time), and paid articles
 * under manual review (accept, reject, a rejected task still counting toward maxPerAgent, the
 * review auto-accepted after reviewTimeoutSecs). Each checks the owner's and every agent's
 * mirrored ledger and the vault invariant at its key steps and at its end. The single rules and
 * endings (pause/resume, cancel in flight, top-up reactivation) are in the sibling files.
 */
import assert from "node:assert/strict";
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
  fundedAgents,
  getCampaign,
  inBatches,
  listTasks,
  postOk,
  REWARD,
} from "./support.js";

/** What fundedAgent leaves available: the deposit less the 1 USDC activation fee. */
const AFTER_ACTIVATION = (deposit: number) => deposit - 1_000_000;
const DAY = 86_400;
/** The program's refusal, or the API's for the same state read from the mirror first. */
const EXHAUSTED = /Campaign budget is exhausted: it cannot cover another task|Campaign pool cannot cover another task/;

describe("campaigns: the seed's use cases", () => {
  let api: TestApi;

  before(async () => {
    // 200 agents' claims from one address would meet the per-IP limit; the limiter still runs.
    api = await startTestApi({ label: "campaign_scenarios", env: { JUSTPAY_RATE_LIMIT_PER_MINUTE: "1000000" } });
  });
  after(() => api?.close());

  it("promo: 200 agents, one tweet each, auto-paid until the budget runs out; the dust is the owner's", async function () {
    this.timeout(600_000);
    // Given an owner and 200 activated agents
    const AGENTS = 200;
    const PAYABLE = 150;
    const DUST = 700;
    const owner = await fundedAgent(api, "promo-owner", 20_000_000);
    const agents = await fundedAgents(api, "promo", AGENTS);
    const start = await money(api, owner);

    // When the owner posts a promo whose budget covers 150 tweets and a remainder below one task
    const c = await createdCampaign(api, owner, {
      totalBudget: COST * PAYABLE + DUST,
      maxPerAgent: 1,
      autoAccept: true,
      maxConcurrentClaims: AGENTS,
    });

    // Then the whole budget is escrowed
    assert.deepEqual(await money(api, owner), {
      available: start.available - COST * PAYABLE - DUST,
      escrowed: start.escrowed + COST * PAYABLE + DUST,
    });
    await assertVaultInvariant(api);

    // When the agents claim concurrently in batches of 40, each delivering its tweet at once
    const outcomes = await inBatches(agents, 40, async (agent, i) => {
      const res = await claim(api, agent, c.id);
      if (res.statusCode !== 201) return { agent, refused: res };
      const task = res.json();
      const done = await deliver(api, agent, c.id, task.id, { tweet_url: `https://x.com/promo/status/${i}` });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(done.json().status, "accepted");
      return { agent, task };
    });

    // Then exactly the 150 tasks the budget covers were paid, and the batch that ran it dry raced fairly
    const paid = outcomes.filter((o) => o.task);
    const refused = outcomes.filter((o) => o.refused);
    assert.equal(paid.length, PAYABLE, refused.map((o) => o.refused?.body).join("\n"));
    assert.deepEqual(
      outcomes.slice(0, 120).map((o) => Boolean(o.task)),
      Array(120).fill(true),
      "the first three batches fit the budget whole",
    );
    assert.equal(outcomes.slice(120, 160).filter((o) => o.task).length, 30, "the fourth batch got the last 30");
    // And everyone else was refused with the exhausted-budget error
    for (const { refused: res } of refused) {
      assert.equal(res?.statusCode, 409, res?.body);
      assert.match(res?.json().error, EXHAUSTED);
    }

    // And the campaign completed with the dust left in its pool, still escrowed for the owner
    const done = await getCampaign(api, c.id);
    assert.deepEqual(
      [done.status, done.remainingBudget, done.tasksCompleted, done.activeClaims],
      ["completed", `${DUST}`, PAYABLE, 0],
    );
    assert.deepEqual(await money(api, owner), {
      available: start.available - COST * PAYABLE - DUST,
      escrowed: start.escrowed + DUST,
    });
    assert.equal((await listTasks(api, owner, c.id)).pagination.total, PAYABLE);

    // And each paid agent earned one reward, the refused ones nothing
    const balances = await inBatches(agents, 50, (agent) => money(api, agent));
    const paidIds = new Set(paid.map((o) => o.agent.id));
    agents.forEach((agent, i) => {
      const earned = paidIds.has(agent.id) ? REWARD : 0;
      assert.deepEqual(balances[i], { available: AFTER_ACTIVATION(2_000_000) + earned, escrowed: 0 }, agent.name);
    });
    await assertVaultInvariant(api);

    // And a late claim is refused the same way
    const late = await claim(api, (refused[0] as { agent: TestAgent }).agent, c.id);
    assert.equal(late.statusCode, 409, late.body);
    assert.match(late.json().error, EXHAUSTED);

    // When the owner cancels the completed campaign
    const cancelled = await postOk(api, owner, `${c.id}/cancel`);

    // Then only the dust comes back: the owner spent exactly the 150 tasks
    assert.equal(cancelled.status, "cancelled");
    assert.deepEqual(await money(api, owner), {
      available: start.available - COST * PAYABLE,
      escrowed: start.escrowed,
    });
    assert.deepEqual((await entriesOf(api, owner, [c.campaignAccount])).at(-1), ["campaign_refund", `${DUST}`]);
    await assertVaultInvariant(api);
  });

  it("daily report: one per agent per UTC day, refused again that day and taken after midnight", async () => {
    // Given a data-collection campaign paying $0.50 a report, one a day, unlimited overall
    const REPORT = 500_000;
    const REPORT_COST = REPORT + 15_000;
    const owner = await fundedAgent(api, "daily-owner", 20_000_000);
    const reporters = await Promise.all([1, 2, 3].map((n) => fundedAgent(api, `daily-reporter-${n}`)));
    const start = await money(api, owner);
    const c = await createdCampaign(api, owner, {
      title: "Daily price report",
      description: "Collect today's prices of the ten listed products",
      category: "data-collection",
      taskDescription: { format: "csv_url" },
      rewardPerTask: REPORT,
      totalBudget: REPORT_COST * 9,
      maxPerAgent: null,
      dailyLimitPerAgent: 1,
    });
    assert.equal(c.costPerTask, `${REPORT_COST}`);
    // (far enough from midnight that day one's reports all fall on one UTC day)
    const now = Number(await api.ctx.chain.unixTime());
    if (DAY - (now % DAY) < 120) await advanceTime(api, 180);

    const report = async (agent: TestAgent, day: number) => {
      const task = await claimed(api, agent, c.id);
      const res = await deliver(api, agent, c.id, task.id, { csv_url: `https://data.example/${agent.name}/${day}` });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().status, "accepted");
    };
    const assertPaid = async (reports: number) => {
      for (const r of reporters)
        assert.deepEqual(await money(api, r), { available: 9_000_000 + REPORT * reports, escrowed: 0 }, r.name);
      assert.deepEqual(await money(api, owner), {
        available: start.available - REPORT_COST * 9,
        escrowed: start.escrowed + REPORT_COST * (9 - 3 * reports),
      });
      await assertVaultInvariant(api);
    };

    // When each reporter files day one's report
    for (const r of reporters) await report(r, 1);

    // Then each is paid once, and a second report the same day is refused
    await assertPaid(1);
    for (const r of reporters) {
      const again = await claim(api, r, c.id);
      assert.equal(again.statusCode, 409, again.body);
      assert.match(again.json().error, /daily limit of 1 task/);
    }

    // When the clock moves to 30 seconds before the next UTC midnight
    const t = Number(await api.ctx.chain.unixTime());
    await advanceTime(api, DAY - (t % DAY) - 30);

    // Then it is still day one: still refused
    const beforeMidnight = await claim(api, reporters[0] as TestAgent, c.id);
    assert.equal(beforeMidnight.statusCode, 409, beforeMidnight.body);
    assert.match(beforeMidnight.json().error, /daily limit of 1 task/);

    // When midnight passes
    await advanceTime(api, 31);

    // Then day two's reports are taken and paid, and the limit holds again
    for (const r of reporters) await report(r, 2);
    await assertPaid(2);
    assert.equal((await claim(api, reporters[1] as TestAgent, c.id)).statusCode, 409);

    // When another full day passes, day three's
    await advanceTime(api, DAY);
    for (const r of reporters) await report(r, 3);

    // Then the budget of nine reports is spent and the campaign completed
    await assertPaid(3);
    const done = await getCampaign(api, c.id);
    assert.deepEqual([done.status, done.remainingBudget, done.tasksCompleted], ["completed", "0", 9]);
  });

  it("articles under manual review: accept, reject (still counts toward maxPerAgent), and auto-accept", async () => {
    // Given a content campaign paying $5 an article, 3 per agent, reviewed by the owner within 10 minutes
    const ARTICLE = 5_000_000;
    const ARTICLE_COST = ARTICLE + 150_000;
    const owner = await fundedAgent(api, "content-owner", 40_000_000);
    const writer = await fundedAgent(api, "content-writer");
    const second = await fundedAgent(api, "content-second");
    const start = await money(api, owner);
    const c = await createdCampaign(api, owner, {
      title: "Write an article about agent payments",
      description: "A 600-word article on how AI agents pay each other, published on your blog",
      category: "content",
      taskDescription: { format: "article_url" },
      rewardPerTask: ARTICLE,
      totalBudget: ARTICLE_COST * 4,
      maxPerAgent: 3,
      dailyLimitPerAgent: 3,
      autoAccept: false,
      reviewTimeoutSecs: 600,
    });
    const pool = async () => (await getCampaign(api, c.id)).remainingBudget;
    const ownerMoney = (spent: number, escrowed: number) => ({
      available: start.available - ARTICLE_COST * spent,
      escrowed: start.escrowed + ARTICLE_COST * escrowed,
    });

    // When the writer claims and delivers three articles
    const articles = [];
    for (const n of [1, 2, 3]) {
      const task = await claimed(api, writer, c.id);
      const res = await deliver(api, writer, c.id, task.id, { article_url: `https://blog.example/article-${n}` });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual([res.json().status, typeof res.json().reviewBy], ["delivered", "string"]);
      articles.push(task);
    }
    type Task = { id: string; taskAccount: string };
    const [first, rejected, unanswered] = articles as [Task, Task, Task];

    // Then nothing is paid yet: three tasks hold their cost, one is left in the pool
    assert.deepEqual(await money(api, writer), { available: 9_000_000, escrowed: 0 });
    assert.equal(await pool(), `${ARTICLE_COST}`);
    assert.deepEqual(await money(api, owner), ownerMoney(4, 4));
    await assertVaultInvariant(api);

    // When the owner accepts the first and rejects the second
    assert.equal((await postOk(api, owner, `${c.id}/tasks/${first.id}/accept`)).status, "accepted");
    const no = await postOk(api, owner, `${c.id}/tasks/${rejected.id}/reject`, { reason: "Off topic" });

    // Then the first is paid, the second's cost is back in the pool, and it cannot be delivered again
    assert.deepEqual([no.status, no.rejectReason], ["rejected", "Off topic"]);
    assert.deepEqual(await money(api, writer), { available: 9_000_000 + ARTICLE, escrowed: 0 });
    assert.equal(await pool(), `${ARTICLE_COST * 2}`);
    assert.deepEqual(await money(api, owner), ownerMoney(4, 3));
    const resubmit = await deliver(api, writer, c.id, rejected.id, { article_url: "https://blog.example/again" });
    assert.equal(resubmit.statusCode, 409, resubmit.body);
    await assertVaultInvariant(api);

    // And the rejected article still counts: a fourth claim is refused though the pool could pay it
    const fourth = await claim(api, writer, c.id);
    assert.equal(fourth.statusCode, 409, fourth.body);
    assert.match(fourth.json().error, /limit of 3 task\(s\) per agent/);

    // When the review window passes without an answer on the third
    await advanceTime(api, 601);

    // Then it was accepted on its own and paid
    const mine = (await listTasks(api, writer, c.id)).tasks;
    assert.deepEqual(
      [first, rejected, unanswered].map((t) => mine.find((x: { id: string }) => x.id === t.id).status),
      ["accepted", "rejected", "accepted"],
    );
    assert.deepEqual(await money(api, writer), { available: 9_000_000 + ARTICLE * 2, escrowed: 0 });
    assert.deepEqual(await entriesOf(api, writer, [first.taskAccount, rejected.taskAccount, unanswered.taskAccount]), [
      ["campaign_task_earned", `${ARTICLE}`],
      ["campaign_task_earned", `${ARTICLE}`],
    ]);
    assert.deepEqual(await money(api, owner), ownerMoney(4, 2));
    await assertVaultInvariant(api);

    // When another writer takes the slot the rejection freed, and the owner accepts it
    const task = await claimed(api, second, c.id);
    assert.equal((await deliver(api, second, c.id, task.id, { article_url: "https://b.example/1" })).statusCode, 200);
    await postOk(api, owner, `${c.id}/tasks/${task.id}/accept`);

    // Then three articles are paid in all, one task's cost is still in the pool, and the money adds up
    assert.deepEqual(await money(api, second), { available: 9_000_000 + ARTICLE, escrowed: 0 });
    const after = await getCampaign(api, c.id);
    assert.deepEqual([after.status, after.tasksCompleted, after.remainingBudget], ["active", 3, `${ARTICLE_COST}`]);
    assert.deepEqual(await money(api, owner), ownerMoney(4, 1));
    await assertVaultInvariant(api);
  });
});
