/**
 * The proposals board over HTTP (SEED_API.md, "Proposals"): creating within the limits,
 * browsing with sorts, filters and `hasVoted`, voting under the one-vote rules, concurrency,
 * and the admin's status changes. Rows are checked in the database, not only in answers.
 */
import assert from "node:assert/strict";
import { fundedAgent } from "../jobs/support.js";
import { createTestAgent, type TestAgent } from "../support/agents.js";
import { startTestApi, type TestApi } from "../support/test-api.js";

describe("proposals: the feedback board", () => {
  let api: TestApi;
  let alice: TestAgent;
  let bob: TestAgent;
  let carol: TestAgent;

  const propose = (agent: TestAgent, payload: object) =>
    api.request({ method: "POST", url: "/api/v1/proposals", payload, bearer: agent.apiKey });
  const proposal = (n: number, extra: object = {}) => ({
    title: `Proposal number ${n} ${Math.random().toString(36).slice(2, 8)}`,
    description: "A description long enough to pass",
    category: "feature",
    ...extra,
  });
  const voteOn = (agent: TestAgent, id: string, method: "POST" | "DELETE" = "POST") =>
    api.request({ method, url: `/api/v1/proposals/${id}/vote`, bearer: agent.apiKey });
  const browse = (query: string, agent?: TestAgent) =>
    api.request({ method: "GET", url: `/api/v1/proposals${query}`, bearer: agent?.apiKey });
  const setStatus = (id: string, status: string, bearer: string) =>
    api.request({ method: "PATCH", url: `/api/v1/admin/proposals/${id}`, payload: { status }, bearer });
  const voteRows = async (id: string) =>
    Number((await api.ctx.knex.raw(`select count(*) as n from proposal_votes where proposal_id = ?`, [id])).rows[0].n);

  before(async () => {
    api = await startTestApi({ label: "proposals" });
    alice = await fundedAgent(api, "prop-alice", 2_000_000);
    bob = await fundedAgent(api, "prop-bob", 2_000_000);
    carol = await fundedAgent(api, "prop-carol", 2_000_000);
  });
  after(() => api?.close());

  it("Given an activated agent, When it proposes, Then 201 with the seed's fields and an open status", async () => {
    const res = await propose(alice, {
      title: "  WebSocket support for real-time job updates ",
      description: "Allow agents to subscribe to job status changes instead of polling",
      category: "feature",
    });
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json();
    assert.equal(body.title, "WebSocket support for real-time job updates");
    assert.equal(body.status, "open");
    assert.equal(body.voteCount, 0);
    assert.equal(body.agentId, alice.id);
    assert.equal(body.agentName, "prop-alice");
    const { rows } = await api.ctx.knex.raw(`select agent_id, category from proposals where id = ?`, [body.id]);
    assert.deepEqual(rows[0], { agent_id: alice.id, category: "feature" });
  });

  it("Given a title that differs only in case and spacing, When proposed again, Then 409", async () => {
    const res = await propose(bob, {
      title: "websocket   SUPPORT for real-time job updates",
      description: "The same idea under another case",
      category: "tooling",
    });
    assert.equal(res.statusCode, 409, res.body);
    assert.match(res.json().error, /title exists/);
  });

  it("Given bad fields, When proposing, Then 400 naming the field and nothing is stored", async () => {
    const before = Number((await api.ctx.knex.raw(`select count(*) as n from proposals`)).rows[0].n);
    for (const [payload, field] of [
      [proposal(1, { title: "abcd" }), /title/],
      [proposal(1, { title: "x".repeat(201) }), /title/],
      [proposal(1, { description: "too short" }), /description/],
      [proposal(1, { description: "y".repeat(2001) }), /description/],
      [proposal(1, { category: "wishes" }), /category/],
    ] as const) {
      const res = await propose(alice, payload);
      assert.equal(res.statusCode, 400, res.body);
      assert.match(res.json().error, field);
    }
    assert.equal(Number((await api.ctx.knex.raw(`select count(*) as n from proposals`)).rows[0].n), before);
  });

  it("Given no key or an unactivated agent, When proposing or voting, Then 401 and 403", async () => {
    const unactivated = await createTestAgent(api, "prop-unactivated");
    assert.equal(
      (await api.request({ method: "POST", url: "/api/v1/proposals", payload: proposal(2) })).statusCode,
      401,
    );
    assert.equal((await propose(unactivated, proposal(2))).statusCode, 403);
    const id = (await propose(bob, proposal(3))).json().id;
    assert.equal((await voteOn(unactivated, id)).statusCode, 403);
    assert.equal((await api.request({ method: "POST", url: `/api/v1/proposals/${id}/vote` })).statusCode, 401);
  });

  it("Given 10 open proposals raced for by one agent, Then exactly 10 are created and the rest are 409", async () => {
    const agent = await fundedAgent(api, "prop-prolific", 2_000_000);
    const answers = await Promise.all(Array.from({ length: 13 }, (_, i) => propose(agent, proposal(100 + i))));
    const codes = answers.map((r) => r.statusCode).sort();
    assert.deepEqual(codes, [...Array(10).fill(201), 409, 409, 409]);
    const { rows } = await api.ctx.knex.raw(`select count(*)::int as n from proposals where agent_id = ?`, [agent.id]);
    assert.equal(rows[0].n, 10);
    // Once one is decided, there is room for another open one.
    const decided = answers.find((r) => r.statusCode === 201)!.json().id;
    assert.equal((await setStatus(decided, "declined", api.adminKey)).statusCode, 200);
    assert.equal((await propose(agent, proposal(200))).statusCode, 201);
  });

  describe("voting", () => {
    let id: string;
    before(async () => {
      id = (await propose(alice, proposal(300, { category: "integration" }))).json().id;
    });

    it("Given another agent, When it votes, unvotes and votes again, Then the count follows the vote rows", async () => {
      assert.deepEqual((await voteOn(bob, id)).json(), { voteCount: 1 });
      assert.deepEqual((await voteOn(bob, id, "DELETE")).json(), { voteCount: 0 });
      assert.deepEqual((await voteOn(bob, id)).json(), { voteCount: 1 });
      assert.equal(await voteRows(id), 1);
    });

    it("Given a vote already cast, When voting again or unvoting twice, Then 409 and the count holds", async () => {
      const again = await voteOn(bob, id);
      assert.equal(again.statusCode, 409, again.body);
      const neverVoted = await voteOn(carol, id, "DELETE");
      assert.equal(neverVoted.statusCode, 409, neverVoted.body);
      assert.equal(await voteRows(id), 1);
    });

    it("Given its own proposal, When the author votes, Then 403; an unknown proposal is 404", async () => {
      assert.equal((await voteOn(alice, id)).statusCode, 403);
      assert.equal((await voteOn(bob, "cnope")).statusCode, 404);
      assert.equal(await voteRows(id), 1);
    });

    it("Given many agents voting at once, each twice, Then every agent counts once", async () => {
      const voters = await Promise.all(
        Array.from({ length: 6 }, (_, i) => fundedAgent(api, `prop-voter-${i}`, 2_000_000)),
      );
      const answers = await Promise.all(voters.flatMap((v) => [voteOn(v, id), voteOn(v, id)]));
      const ok = answers.filter((r) => r.statusCode === 200).length;
      assert.equal(ok, 6);
      assert.equal(answers.filter((r) => r.statusCode === 409).length, 6);
      const { rows } = await api.ctx.knex.raw(`select vote_count from proposals where id = ?`, [id]);
      assert.equal(rows[0].vote_count, 7);
      assert.equal(await voteRows(id), 7);
    });

    it("Given an authenticated reader, When browsing or reading one, Then hasVoted is set; anonymous readers have none", async () => {
      const mine = (await browse("?category=integration&limit=100", bob))
        .json()
        .proposals.find((p: { id: string }) => p.id === id);
      assert.equal(mine.hasVoted, true);
      const notMine = (
        await api.request({ method: "GET", url: `/api/v1/proposals/${id}`, bearer: carol.apiKey })
      ).json();
      assert.equal(notMine.hasVoted, false);
      const anonymous = (await api.request({ method: "GET", url: `/api/v1/proposals/${id}` })).json();
      assert.equal("hasVoted" in anonymous, false);
      assert.equal(anonymous.voteCount, 7);
    });

    it("Given the admin ships it, When anyone votes or unvotes, Then 409 and the tally is frozen", async () => {
      const shipped = await setStatus(id, "shipped", api.adminKey);
      assert.equal(shipped.statusCode, 200, shipped.body);
      assert.equal(shipped.json().status, "shipped");
      assert.equal((await voteOn(carol, id)).statusCode, 409);
      assert.equal((await voteOn(bob, id, "DELETE")).statusCode, 409);
      assert.equal(await voteRows(id), 7);
    });
  });

  it("Given proposals with different votes and ages, When browsing, Then sort, filters and paging apply", async () => {
    const category = "bug";
    const older = (await propose(alice, proposal(400, { category }))).json().id;
    const newer = (await propose(bob, proposal(401, { category }))).json().id;
    await voteOn(carol, older);
    const byVotes = (await browse(`?category=${category}`)).json();
    assert.deepEqual(
      byVotes.proposals.map((p: { id: string }) => p.id),
      [older, newer],
    );
    assert.deepEqual(byVotes.pagination, { page: 1, limit: 20, total: 2 });
    const recent = (await browse(`?category=${category}&sort=recent`)).json();
    assert.deepEqual(
      recent.proposals.map((p: { id: string }) => p.id),
      [newer, older],
    );
    const page2 = (await browse(`?category=${category}&sort=recent&limit=1&page=2`)).json();
    assert.deepEqual(
      page2.proposals.map((p: { id: string }) => p.id),
      [older],
    );
    await setStatus(newer, "accepted", api.adminKey);
    const accepted = (await browse(`?status=accepted&category=${category}`)).json();
    assert.deepEqual(
      accepted.proposals.map((p: { id: string }) => p.id),
      [newer],
    );
    const shipped = (await browse("?status=shipped")).json();
    assert.ok(shipped.proposals.every((p: { status: string }) => p.status === "shipped"));
    assert.equal((await browse("?sort=loudest")).statusCode, 400);
    assert.equal((await browse("?limit=101")).statusCode, 400);
  });

  it("Given the admin route, When called without the admin key or with a bad status, Then 401 and 400", async () => {
    const id = (await propose(carol, proposal(500))).json().id;
    assert.equal((await setStatus(id, "accepted", carol.apiKey)).statusCode, 401);
    assert.equal((await setStatus(id, "merged", api.adminKey)).statusCode, 400);
    assert.equal((await setStatus("cnope", "accepted", api.adminKey)).statusCode, 404);
    const { rows } = await api.ctx.knex.raw(`select status from proposals where id = ?`, [id]);
    assert.equal(rows[0].status, "open");
  });
});
