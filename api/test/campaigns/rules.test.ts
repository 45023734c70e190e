/**
 * The seed's campaign limits and rules over HTTP: every field's range (400 naming it), a budget
 * that must cover one task, the trust gate on claims (403 saying both scores), maxPerAgent,
 * dailyLimitPerAgent across a UTC day boundary (advance-time), maxConcurrentClaims, one's own
 * campaign, a taskDescription that is a JSON Schema validating deliveries, strangers' 404s, an
 * idempotent claim, and the webhooks recorded for owner and claimant.
 */
import assert from "node:assert/strict";
import { advanceTime, fundedAgent, money } from "../jobs/support.js";
import type { TestAgent } from "../support/agents.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { assertVaultInvariant } from "../support/wallet.js";
import { COST, claim, claimed, createCampaignReq, createdCampaign, deliver, getCampaign, post } from "./support.js";

describe("campaigns: limits and rules", () => {
  let api: TestApi;
  let owner: TestAgent;

  before(async () => {
    api = await startTestApi({ label: "campaign_rules" });
    owner = await fundedAgent(api, "rules-owner", 20_000_000);
  });
  after(() => api?.close());

  it("refuses out-of-range fields with a 400 naming the field, before anything is escrowed", async () => {
    // Given the owner's balance
    const before = await money(api, owner);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ rewardPerTask: 999 }, /rewardPerTask/],
      [{ totalBudget: COST - 1 }, /totalBudget: must cover at least one task \(rewardPerTask \+ 1500 fee = 51500\)/],
      [{ maxPerAgent: 0 }, /maxPerAgent/],
      [{ dailyLimitPerAgent: 0 }, /dailyLimitPerAgent/],
      [{ minTrustScore: 1.5 }, /minTrustScore/],
      [{ reviewTimeoutSecs: 59 }, /reviewTimeoutSecs/],
      [{ reviewTimeoutSecs: 86_401 }, /reviewTimeoutSecs/],
      [{ maxExecutionTimeSecs: 29 }, /maxExecutionTimeSecs/],
      [{ maxConcurrentClaims: 1001 }, /maxConcurrentClaims/],
      [{ durationDays: 366 }, /durationDays/],
      [{ title: "ab" }, /title/],
      [{ description: "too short" }, /description/],
      [{ category: "x" }, /category/],
      [{ tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, /tags/],
      [{ totalBudget: 100_000_000 }, /Insufficient balance/],
    ];
    for (const [extra, error] of cases) {
      // When a campaign is created with the field out of range
      const res = await createCampaignReq(api, owner, extra);
      // Then it is a 400 that says which
      assert.equal(res.statusCode, 400, `${JSON.stringify(extra)}: ${res.body}`);
      assert.match(res.json().error, error);
    }
    // And nothing was escrowed
    assert.deepEqual(await money(api, owner), before);
    // And the boundaries themselves are accepted
    const edge = await createdCampaign(api, owner, {
      rewardPerTask: 1_000,
      totalBudget: 1_030,
      reviewTimeoutSecs: 86_400,
      maxExecutionTimeSecs: 30,
      maxConcurrentClaims: 1000,
      durationDays: 365,
      maxPerAgent: null,
      minTrustScore: 1,
    });
    assert.deepEqual([edge.platformFeePerTask, edge.maxPerAgent], ["30", null]);
  });

  it("the trust gate: a claimant below minTrustScore is refused with 403, above it is co-signed", async () => {
    // Given a campaign asking for 0.5 and a newcomer (0.40)
    const c = await createdCampaign(api, owner, { minTrustScore: 0.5 });
    const newcomer = await fundedAgent(api, "rules-newcomer");

    // When the newcomer claims
    const refused = await claim(api, newcomer, c.id);

    // Then 403 says both scores, and nothing moved
    assert.equal(refused.statusCode, 403, refused.body);
    assert.equal(refused.json().error, "Your trust score 0.40 is below this campaign's minimum trust score of 0.5");
    assert.equal((await money(api, newcomer)).escrowed, 0);

    // When its reputation reaches 0.9
    await api.ctx.knex.raw(`insert into agent_reputation (agent_id, trust_score, stale) values (?, 0.9, false)`, [
      newcomer.id,
    ]);

    // Then the claim goes through
    await claimed(api, newcomer, c.id);
  });

  it("dailyLimitPerAgent holds within a UTC day and resets across the boundary; maxConcurrentClaims holds", async () => {
    // Given a campaign of one task per agent per day, unlimited overall, two at a time
    const c = await createdCampaign(api, owner, {
      maxPerAgent: null,
      dailyLimitPerAgent: 1,
      maxConcurrentClaims: 2,
      totalBudget: COST * 6,
    });
    const worker = await fundedAgent(api, "rules-daily");
    const t1 = await claimed(api, worker, c.id);
    assert.equal((await deliver(api, worker, c.id, t1.id, { ok: 1 })).statusCode, 200);

    // When it claims again the same day
    const sameDay = await claim(api, worker, c.id);

    // Then the daily limit refuses it
    assert.equal(sameDay.statusCode, 409, sameDay.body);
    assert.match(sameDay.json().error, /daily limit of 1/);

    // When a day passes
    await advanceTime(api, 86_400);

    // Then it may claim again
    await claimed(api, worker, c.id);

    // And with two tasks in progress a third agent is refused (maxConcurrentClaims)
    await claimed(api, await fundedAgent(api, "rules-conc-1"), c.id);
    const third = await claim(api, await fundedAgent(api, "rules-conc-2"), c.id);
    assert.equal(third.statusCode, 409, third.body);
    assert.match(third.json().error, /maximum of 2 tasks in progress/);
    await assertVaultInvariant(api);
  });

  it("a taskDescription that is a JSON Schema validates deliveries (400 naming the path)", async () => {
    // Given a campaign whose taskDescription is a schema
    const c = await createdCampaign(api, owner, {
      taskDescription: {
        type: "object",
        required: ["tweet_url"],
        properties: { tweet_url: { type: "string", pattern: "^https://" } },
      },
    });
    const worker = await fundedAgent(api, "rules-schema");
    const task = await claimed(api, worker, c.id);

    // When the delivery does not match
    const bad = await deliver(api, worker, c.id, task.id, { tweet_url: 5 });

    // Then 400 names the path, and the task is still claimed
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(bad.json().error, "output: does not match the campaign's taskDescription: /tweet_url must be string");

    // When it matches, it is paid
    const good = await deliver(api, worker, c.id, task.id, { tweet_url: "https://x.com/a/1" });
    assert.equal(good.json().status, "accepted");
  });

  it("own campaign, strangers and unknown ids; a claim retried under one Idempotency-Key claims once", async () => {
    // Given a campaign and a claimed task
    const c = await createdCampaign(api, owner, { maxPerAgent: 3 });
    const worker = await fundedAgent(api, "rules-idem");
    const stranger = await fundedAgent(api, "rules-stranger");

    // Then the owner cannot claim its own campaign, unknown ids are 404
    assert.equal((await claim(api, owner, c.id)).statusCode, 400);
    assert.equal((await claim(api, worker, "nope")).statusCode, 404);
    assert.equal((await api.request({ method: "GET", url: "/api/v1/campaigns/nope" })).statusCode, 404);

    // When the worker claims twice with the same Idempotency-Key
    const once = () =>
      api.request({
        method: "POST",
        url: `/api/v1/campaigns/${c.id}/claim`,
        bearer: worker.apiKey,
        headers: { "idempotency-key": "claim-key-1" },
      });
    const first = await once();
    const second = await once();

    // Then one task exists and the second answer is the first replayed
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(second.json().id, first.json().id);
    assert.equal((await money(api, owner)).escrowed > 0, true);
    const { rows } = await api.ctx.knex.raw(`select count(*)::int as n from campaign_tasks where campaign_id = ?`, [
      c.id,
    ]);
    assert.equal(rows[0].n, 1);

    // And a stranger cannot see or deliver the task; the worker cannot accept it
    assert.equal((await deliver(api, stranger, c.id, first.json().id, {})).statusCode, 404);
    assert.equal((await post(api, worker, `${c.id}/tasks/${first.json().id}/accept`)).statusCode, 403);
    // And only the owner steps on the campaign
    assert.equal((await post(api, worker, `${c.id}/pause`)).statusCode, 403);
    assert.equal((await post(api, worker, `${c.id}/top-up`, { amount: 1000 })).statusCode, 403);
  });

  it("webhooks: task events to the campaign's callbackUrl and to the claimant's own", async () => {
    // Given a manual-review campaign with its callbackUrl and a claimant with a profile URL
    const c = await createdCampaign(api, owner, {
      autoAccept: false,
      callbackUrl: "http://127.0.0.1:9/c",
      maxPerAgent: 2,
    });
    const worker = await fundedAgent(api, "rules-hooks");
    await api.ctx.knex.raw(`update agents set callback_url = ? where id = ?`, ["http://127.0.0.1:9/w", worker.id]);

    // When a task is claimed, delivered and rejected, another claimed and accepted
    const t1 = await claimed(api, worker, c.id);
    await deliver(api, worker, c.id, t1.id, { a: 1 });
    assert.equal((await post(api, owner, `${c.id}/tasks/${t1.id}/reject`, { reason: "no" })).statusCode, 200);
    const t2 = await claimed(api, worker, c.id);
    await deliver(api, worker, c.id, t2.id, { a: 2 });
    assert.equal((await post(api, owner, `${c.id}/tasks/${t2.id}/accept`)).statusCode, 200);

    // Then both sides got each event once, the owner at the campaign's URL
    const events = async (agent: TestAgent, taskId: string) => {
      const { rows } = await api.ctx.knex.raw(
        `select event, url from webhook_deliveries where agent_id = ? and payload->'task'->>'id' = ? order by created_at`,
        [agent.id, taskId],
      );
      return rows.map((r: { event: string; url: string }) => `${r.event} ${r.url}`);
    };
    assert.deepEqual(await events(owner, t1.id), [
      "campaign.task_claimed http://127.0.0.1:9/c",
      "campaign.task_delivered http://127.0.0.1:9/c",
      "campaign.task_rejected http://127.0.0.1:9/c",
    ]);
    assert.deepEqual(await events(worker, t2.id), [
      "campaign.task_claimed http://127.0.0.1:9/w",
      "campaign.task_delivered http://127.0.0.1:9/w",
      "campaign.task_accepted http://127.0.0.1:9/w",
    ]);
    await assertVaultInvariant(api);
  });

  it("webhooks without a campaign callbackUrl: the owner's profile URL as saved at each step, none for a claimant without one", async () => {
    // Given an autoAccept campaign without its own callbackUrl, by an owner with a profile URL,
    // and a claimant without one
    const hooksOwner = await fundedAgent(api, "rules-hooks-owner", 2_000_000);
    const setUrl = (agent: TestAgent, url: string | null) =>
      api.ctx.knex.raw(`update agents set callback_url = ? where id = ?`, [url, agent.id]);
    await setUrl(hooksOwner, "http://127.0.0.1:9/first");
    const c = await createdCampaign(api, hooksOwner, { maxPerAgent: 1 });
    const worker = await fundedAgent(api, "rules-hooks-silent");
    await setUrl(worker, null);

    // When a task is claimed, the owner changes its profile URL, and the task is delivered (and paid at once)
    const task = await claimed(api, worker, c.id);
    await setUrl(hooksOwner, "http://127.0.0.1:9/second");
    assert.equal((await deliver(api, worker, c.id, task.id, { n: 1 })).statusCode, 200);

    // Then the owner got each event at the URL saved when it was sent, the claimant none,
    // and the paid task's row is recorded settled
    const { rows } = await api.ctx.knex.raw(
      `select agent_id, event, url from webhook_deliveries where payload->'task'->>'id' = ? order by created_at`,
      [task.id],
    );
    assert.deepEqual(
      rows.map(
        (r: { agent_id: string; event: string; url: string }) =>
          `${r.agent_id === hooksOwner.id ? "owner" : "claimant"} ${r.event} ${r.url}`,
      ),
      [
        "owner campaign.task_claimed http://127.0.0.1:9/first",
        "owner campaign.task_delivered http://127.0.0.1:9/second",
        "owner campaign.task_accepted http://127.0.0.1:9/second",
      ],
    );
    const recorded = await api.ctx.knex.raw(`select phase from campaign_tasks where id = ?`, [task.id]);
    assert.equal(recorded.rows[0].phase, "settled");
    await assertVaultInvariant(api);
  });

  it("racing claims: the program has the last word on maxConcurrentClaims; one agent's twin claims land once", async () => {
    // Given a campaign with two slots and five agents
    const c = await createdCampaign(api, owner, { maxConcurrentClaims: 2, totalBudget: COST * 5 });
    const agents = await Promise.all([1, 2, 3, 4, 5].map((n) => fundedAgent(api, `rules-race-${n}`)));

    // When all five claim at once
    const answers = await Promise.all(agents.map((a) => claim(api, a, c.id)));

    // Then exactly two got a task and the rest a 409, and only two tasks hold money
    const codes = answers.map((r) => r.statusCode).sort();
    assert.deepEqual(codes, [201, 201, 409, 409, 409], answers.map((r) => r.body).join("\n"));
    assert.equal((await getCampaign(api, c.id)).activeClaims, 2);
    await assertVaultInvariant(api);

    // When one agent fires two claims at once on another campaign allowing it two tasks
    const twin = await createdCampaign(api, owner, { maxPerAgent: 2 });
    const agent = agents[0] as TestAgent;
    const both = await Promise.all([claim(api, agent, twin.id), claim(api, agent, twin.id)]);

    // Then one lands and the other is told to retry, and the next claim takes the next index
    assert.deepEqual(both.map((r) => r.statusCode).sort(), [201, 409], both.map((r) => r.body).join("\n"));
    await claimed(api, agent, twin.id);
    assert.equal((await getCampaign(api, twin.id)).activeClaims, 2);
    await assertVaultInvariant(api);
  });

  it("a claim left behind by a crashed request blocks while it may land, and is failed once it never can", async () => {
    // Given a campaign and a claim row whose request died before its intent was written
    const c = await createdCampaign(api, owner, { maxPerAgent: 2 });
    const agent = await fundedAgent(api, "rules-crashed");
    await api.ctx.knex("campaign_tasks").insert({
      id: "crashed-claim",
      campaign_id: c.id,
      agent_id: agent.id,
      task_pubkey: "11111111111111111111111111111111",
      index: 0,
      amount: "50000",
      fee: "1500",
      phase: "claiming",
      expires_at: new Date(),
    });

    // When the agent claims while that row is fresh
    const blocked = await claim(api, agent, c.id);

    // Then it is told to retry
    assert.equal(blocked.statusCode, 409, blocked.body);
    assert.match(blocked.json().error, /in progress/);

    // When a minute has passed without an intent
    await api.ctx
      .knex("campaign_tasks")
      .where({ id: "crashed-claim" })
      .update({ created_at: new Date(Date.now() - 120_000) });

    // Then the claim goes through at index 0, and the crashed row is failed
    const task = await claimed(api, agent, c.id);
    assert.equal(task.status, "claimed");
    const [crashed] = await api.ctx.knex("campaign_tasks").where({ id: "crashed-claim" }).select("phase");
    assert.equal(crashed.phase, "failed");
    await assertVaultInvariant(api);
  });
});
