import assert from "node:assert/strict";
import type { FastifyRequest } from "fastify";
import { defineRoutes } from "../../src/routes/route-module.js";
import { activateTestAgent, createTestAgent, type TestAgent } from "../support/agents.js";
import { startTestApi, type TestApi } from "../support/test-api.js";

/** One route per guard, answering with who the request was authenticated as. */
const guarded = defineRoutes("guarded", "/guarded", async (app) => {
  const whoami = async (request: FastifyRequest) => ({
    agentId: request.agent?.id ?? null,
    name: request.agent?.name ?? null,
    keyId: request.apiKeyId,
    ...(request.agent ? { createdIsDate: request.agent.created_at instanceof Date } : {}),
  });
  app.get("/agent", { preHandler: app.requireAgent }, whoami);
  app.get("/activated", { preHandler: app.requireActivated }, whoami);
  app.get("/optional", { preHandler: app.optionalAgent }, whoami);
  app.get("/admin", { preHandler: app.requireAdmin }, async () => ({ admin: true }));
});

describe("authentication preHandlers", function () {
  this.timeout(60_000);
  let api: TestApi;
  let alice: TestAgent;
  before(async () => {
    api = await startTestApi({ label: "auth", routes: [guarded] });
    alice = await createTestAgent(api, "alice");
  });
  after(async () => api?.close());

  const get = (url: string, bearer?: string) => api.request({ method: "GET", url, bearer });

  describe("requireAgent", () => {
    it("answers 401 with how to authenticate when no key is sent", async () => {
      const res = await get("/guarded/agent");
      assert.equal(res.statusCode, 401);
      assert.deepEqual(res.json(), { error: "Missing API key: send it as 'Authorization: Bearer <your-api-key>'" });
    });

    it("answers 401 for a malformed header, an unknown key and junk", async () => {
      const malformed = await api.request({
        method: "GET",
        url: "/guarded/agent",
        headers: { authorization: `Token ${alice.apiKey}` },
      });
      assert.equal(malformed.statusCode, 401);
      assert.match(malformed.json().error, /^Malformed Authorization header/);
      // Same prefix, different secret: found by prefix, refused by the hash.
      const forged = `${alice.apiKey.slice(0, 11)}${"x".repeat(40 - 8)}`;
      for (const key of [forged, "jp_nope", "not-a-key"]) {
        const res = await get("/guarded/agent", key);
        assert.equal(res.statusCode, 401, key);
        assert.deepEqual(res.json(), { error: "Invalid or revoked API key" });
      }
    });

    it("resolves a valid key to its agent and key, and records its use", async () => {
      const res = await get("/guarded/agent", alice.apiKey);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { agentId: alice.id, name: "alice", keyId: alice.keyId, createdIsDate: true });
      // last_used_at is written off the request path
      await new Promise((r) => setTimeout(r, 100));
      const { rows } = await api.ctx.knex.raw("select last_used_at from api_keys where id = ?", [alice.keyId]);
      assert.ok(Date.now() - new Date(rows[0].last_used_at).getTime() < 10_000, String(rows[0].last_used_at));
    });

    it("stores only the prefix and hash of a key", async () => {
      const { rows } = await api.ctx.knex.raw("select * from api_keys where id = ?", [alice.keyId]);
      assert.equal(rows[0].prefix, alice.apiKey.slice(0, 11));
      assert.ok(!JSON.stringify(rows[0]).includes(alice.apiKey.slice(11)));
    });
  });

  describe("revocation", () => {
    it("refuses to revoke the last active key, revokes another, and the revoked key stops working", async () => {
      // Given an agent with one key
      const bob = await createTestAgent(api, "bob");
      // When it tries to revoke its only key, Then that is refused
      assert.equal(await api.ctx.apiKeys.revoke(bob.id, bob.keyId), "last_active_key");
      // Given a second key; When the first is revoked
      const second = await api.ctx.apiKeys.issue(bob.id, "second");
      assert.equal(await api.ctx.apiKeys.revoke(bob.id, bob.keyId), "revoked");
      // Then the revoked key is a 401 and the new one works
      assert.equal((await get("/guarded/agent", bob.apiKey)).statusCode, 401);
      assert.equal((await get("/guarded/agent", second.apiKey)).json().keyId, second.keyId);
      // And repeating or guessing a revocation says so
      assert.equal(await api.ctx.apiKeys.revoke(bob.id, bob.keyId), "already_revoked");
      assert.equal(await api.ctx.apiKeys.revoke(bob.id, "no-such-key"), "not_found");
      assert.equal(await api.ctx.apiKeys.revoke(alice.id, second.keyId), "not_found", "another agent's key");
    });

    it("never leaves an agent without a key when two revocations race", async () => {
      const carol = await createTestAgent(api, "carol");
      const second = await api.ctx.apiKeys.issue(carol.id);
      const outcomes = await Promise.all([
        api.ctx.apiKeys.revoke(carol.id, carol.keyId),
        api.ctx.apiKeys.revoke(carol.id, second.keyId),
      ]);
      assert.deepEqual(outcomes.sort(), ["last_active_key", "revoked"]);
      const { rows } = await api.ctx.knex.raw(
        "select count(*)::int as n from api_keys where agent_id = ? and revoked_at is null",
        [carol.id],
      );
      assert.equal(rows[0].n, 1);
    });
  });

  describe("requireActivated", () => {
    it("answers 403 with how to activate until the chain says the agent is activated", async () => {
      // Given a registered agent that has deposited nothing
      const dave = await createTestAgent(api, "dave");
      const before = await get("/guarded/activated", dave.apiKey);
      // Then it is refused, told the fee, its wallet and the next call
      assert.equal(before.statusCode, 403);
      assert.equal(
        before.json().error,
        `Agent not activated. Send at least 1 USDC to your wallet address ${dave.wallet.publicKey.toBase58()} ` +
          "from a personal wallet (not an exchange), then call POST /api/v1/wallet/confirm-deposit.",
      );
      // When it deposits 2 USDC on-chain and the indexer has mirrored it
      await activateTestAgent(api, dave);
      // Then it passes
      const after = await get("/guarded/activated", dave.apiKey);
      assert.equal(after.statusCode, 200, after.body);
      assert.equal(after.json().agentId, dave.id);
    });

    it("still answers 401, not 403, without a key", async () => {
      assert.equal((await get("/guarded/activated")).statusCode, 401);
    });
  });

  describe("optionalAgent", () => {
    it("lets anonymous requests through and identifies keyed ones; a bad key is still 401", async () => {
      assert.deepEqual((await get("/guarded/optional")).json(), { agentId: null, name: null, keyId: null });
      assert.equal((await get("/guarded/optional", alice.apiKey)).json().agentId, alice.id);
      assert.equal((await get("/guarded/optional", "jp_bogus")).statusCode, 401);
    });
  });

  describe("requireAdmin", () => {
    it("accepts only the admin key; agent keys and guesses are 401", async () => {
      assert.equal((await get("/guarded/admin", api.adminKey)).statusCode, 200);
      assert.equal((await get("/guarded/admin")).statusCode, 401);
      const wrong = await get("/guarded/admin", alice.apiKey);
      assert.equal(wrong.statusCode, 401);
      assert.deepEqual(wrong.json(), { error: "Invalid admin key" });
      assert.equal((await get("/guarded/admin", `${api.adminKey}x`)).statusCode, 401);
    });
  });
});
