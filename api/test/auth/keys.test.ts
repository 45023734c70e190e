import assert from "node:assert/strict";
import { hashApiKey } from "../../src/auth/api-keys.js";
import { type RegisteredAgent, registerViaApi } from "../support/register.js";
import { startTestApi, type TestApi } from "../support/test-api.js";

/** The same key with its last character changed: right prefix, wrong hash. */
const otherLastChar = (key: string) => key.slice(0, -1) + (key.endsWith("0") ? "1" : "0");

describe("API keys: POST/GET /auth/keys, DELETE /auth/keys/:keyId, GET /auth/verify", function () {
  this.timeout(60_000);
  let api: TestApi;
  let alice: RegisteredAgent;
  let bob: RegisteredAgent;
  before(async () => {
    api = await startTestApi({ label: "keys" });
    alice = await registerViaApi(api);
    bob = await registerViaApi(api);
  });
  after(async () => api?.close());

  const verifyWith = (bearer?: string) => api.request({ method: "GET", url: "/api/v1/auth/verify", bearer });
  const newKey = (bearer: string, payload?: Record<string, unknown>) =>
    api.request({ method: "POST", url: "/api/v1/auth/keys", bearer, payload });
  const revoke = (bearer: string, keyId: string) =>
    api.request({ method: "DELETE", url: `/api/v1/auth/keys/${keyId}`, bearer });
  const listKeys = async (bearer: string) =>
    (await api.request({ method: "GET", url: "/api/v1/auth/keys", bearer })).json().keys as Record<string, any>[];

  describe("GET /auth/verify", () => {
    it("answers valid, agentId and name for a good key", async () => {
      const res = await verifyWith(alice.apiKey);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { valid: true, agentId: alice.agentId, name: alice.name });
    });

    it("is 401 without a key, with a bad one, and with a malformed header", async () => {
      const missing = await verifyWith();
      assert.equal(missing.statusCode, 401);
      assert.deepEqual(missing.json(), { error: "Missing API key: send it as 'Authorization: Bearer <your-api-key>'" });
      for (const bad of [`jp_${"x".repeat(40)}`, "jp_short", otherLastChar(alice.apiKey)]) {
        const res = await verifyWith(bad);
        assert.equal(res.statusCode, 401, bad);
        assert.deepEqual(res.json(), { error: "Invalid or revoked API key" });
      }
      const malformed = await api.request({
        method: "GET",
        url: "/api/v1/auth/verify",
        headers: { authorization: alice.apiKey },
      });
      assert.equal(malformed.statusCode, 401);
    });
  });

  describe("POST /auth/keys", () => {
    it("issues a named key, shown once, stored only as prefix and hash", async () => {
      // When alice asks for a key named production-key
      const res = await newKey(alice.apiKey, { name: "production-key" });
      // Then she gets the seed's shape
      assert.equal(res.statusCode, 201);
      const body = res.json();
      assert.deepEqual(Object.keys(body).sort(), ["apiKey", "keyId", "keyPrefix"]);
      assert.match(body.apiKey, /^jp_[0-9A-Za-z]{40}$/);
      assert.ok(body.apiKey.startsWith(body.keyPrefix) && body.keyPrefix.startsWith("jp_"));
      // And the row holds the name, prefix and hash, never the key
      const { rows } = await api.ctx.knex.raw(`select * from api_keys where id = ?`, [body.keyId]);
      assert.equal(rows[0].agent_id, alice.agentId);
      assert.equal(rows[0].name, "production-key");
      assert.equal(rows[0].hash, hashApiKey(body.apiKey));
      assert.ok(!JSON.stringify(rows[0]).includes(body.apiKey));
      // And the new key works
      assert.equal((await verifyWith(body.apiKey)).json().agentId, alice.agentId);
    });

    it("accepts a bare POST (no body) as an unnamed key; refuses an empty or 101-character name", async () => {
      const bare = await newKey(alice.apiKey);
      assert.equal(bare.statusCode, 201, bare.body);
      assert.equal((await listKeys(alice.apiKey)).find((k) => k.keyId === bare.json().keyId)?.name, null);
      assert.equal((await newKey(alice.apiKey, { name: "n".repeat(100) })).statusCode, 201);
      const long = await newKey(alice.apiKey, { name: "n".repeat(101) });
      assert.equal(long.statusCode, 400);
      assert.deepEqual(long.json(), { error: "name: String must contain at most 100 character(s)" });
      assert.equal((await newKey(alice.apiKey, { name: "" })).statusCode, 400);
    });

    it("is 401 without a key", async () => {
      const res = await api.request({ method: "POST", url: "/api/v1/auth/keys", payload: { name: "x" } });
      assert.equal(res.statusCode, 401);
    });
  });

  describe("GET /auth/keys", () => {
    it("lists the agent's own keys with ids and prefixes, never the keys", async () => {
      const keys = await listKeys(bob.apiKey);
      assert.equal(keys.length, 1);
      assert.equal(keys[0]!.name, "default");
      assert.ok(bob.apiKey.startsWith(keys[0]!.keyPrefix));
      assert.equal(keys[0]!.revokedAt, null);
      assert.ok(!JSON.stringify(keys).includes(bob.apiKey));
    });
  });

  describe("DELETE /auth/keys/:keyId", () => {
    it("revokes a key, which stops working at once; revoking it again or an unknown id is 404", async () => {
      // Given carol with a second key
      const carol = await registerViaApi(api);
      const second = (await newKey(carol.apiKey, { name: "second" })).json();
      assert.equal((await verifyWith(second.apiKey)).statusCode, 200);
      // When she revokes it
      const res = await revoke(carol.apiKey, second.keyId);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { message: "API key revoked", keyId: second.keyId });
      // Then the very next request with it is refused, on every route
      assert.deepEqual((await verifyWith(second.apiKey)).json(), { error: "Invalid or revoked API key" });
      assert.equal((await newKey(second.apiKey)).statusCode, 401);
      // And the row says when
      const { rows } = await api.ctx.knex.raw(`select revoked_at from api_keys where id = ?`, [second.keyId]);
      assert.ok(rows[0].revoked_at);
      // And the first key still works
      assert.equal((await verifyWith(carol.apiKey)).statusCode, 200);
      // And again / unknown are 404
      const again = await revoke(carol.apiKey, second.keyId);
      assert.equal(again.statusCode, 404);
      assert.deepEqual(again.json(), { error: "API key not found: it was already revoked" });
      const unknown = await revoke(carol.apiKey, "cnosuchkey");
      assert.equal(unknown.statusCode, 404);
      assert.deepEqual(unknown.json(), { error: "API key not found" });
    });

    it("refuses to revoke the last active key with 409, and the key keeps working", async () => {
      const dave = await registerViaApi(api);
      const [only] = await listKeys(dave.apiKey);
      const res = await revoke(dave.apiKey, only!.keyId);
      assert.equal(res.statusCode, 409);
      assert.deepEqual(res.json(), {
        error: "Cannot revoke your last active key: create another one first (POST /api/v1/auth/keys)",
      });
      assert.equal((await verifyWith(dave.apiKey)).statusCode, 200);
    });

    it("a key can revoke itself when another remains; the registration key is revocable", async () => {
      const erin = await registerViaApi(api);
      const spare = (await newKey(erin.apiKey, { name: "spare" })).json();
      const [registrationKey] = await listKeys(erin.apiKey);
      assert.equal((await revoke(erin.apiKey, registrationKey!.keyId)).statusCode, 200);
      assert.equal((await verifyWith(erin.apiKey)).statusCode, 401);
      assert.equal((await verifyWith(spare.apiKey)).statusCode, 200);
    });

    it("another agent's key is 404 and stays active", async () => {
      const [bobsKey] = await listKeys(bob.apiKey);
      const res = await revoke(alice.apiKey, bobsKey!.keyId);
      assert.equal(res.statusCode, 404);
      assert.equal((await verifyWith(bob.apiKey)).statusCode, 200);
    });

    it("is 401 without a key", async () => {
      const res = await api.request({ method: "DELETE", url: "/api/v1/auth/keys/anything" });
      assert.equal(res.statusCode, 401);
    });
  });
});
