import assert from "node:assert/strict";
import { agentPda, escrowProgram, JOB_BUMP, jobPda, usableJobId } from "@justpay/sdk";
import { Keypair } from "@solana/web3.js";
import BN from "bn.js";
import { createTestAgent, depositInstruction, type TestAgent } from "../support/agents.js";
import { outsideLocalMode, type RegisteredAgent, registerViaApi } from "../support/register.js";
import { startTestApi, type TestApi } from "../support/test-api.js";

describe("agent profiles: GET/PATCH /agents/me, GET /agents/:id and its ratings", function () {
  this.timeout(60_000);
  let api: TestApi;
  let alice: RegisteredAgent;
  const alicePassword = "alice's password";
  before(async () => {
    api = await startTestApi({ label: "profiles" });
    alice = await registerViaApi(api, {
      description: "summarises documents",
      capabilities: ["summarization"],
      callbackUrl: "http://127.0.0.1:9/hook",
      email: "alice@example.com",
      password: alicePassword,
    });
  });
  after(async () => api?.close());

  const me = (bearer: string) => api.request({ method: "GET", url: "/api/v1/agents/me", bearer });
  const patch = (bearer: string, payload: Record<string, unknown>) =>
    api.request({ method: "PATCH", url: "/api/v1/agents/me", bearer, payload });
  const row = async (id: string) => (await api.ctx.knex.raw(`select * from agents where id = ?`, [id])).rows[0];

  describe("GET /agents/me", () => {
    it("is the full profile of a new agent: not activated, zero balances, no secrets", async () => {
      const res = await me(alice.apiKey);
      assert.equal(res.statusCode, 200);
      const body = res.json();
      const stored = await row(alice.agentId);
      assert.deepEqual(body, {
        id: alice.agentId,
        name: alice.name,
        description: "summarises documents",
        capabilities: ["summarization"],
        avatarUrl: null,
        websiteUrl: null,
        walletAddress: alice.walletAddress,
        activated: false,
        verified: false,
        verifiedAt: null,
        totalDisputesFiled: 0,
        trustScore: 0.4,
        pendingReportCount: 0,
        warning: null,
        clientDisputeRate: 0,
        clientRestricted: false,
        createdAt: new Date(stored.created_at).toISOString(),
        email: "alice@example.com",
        callbackUrl: "http://127.0.0.1:9/hook",
        hasPassword: true,
        balance: { available: "0", escrowed: "0" },
        withdrawalAddress: null,
        emergencyAddress: null,
        updatedAt: new Date(stored.updated_at).toISOString(),
      });
      const text = res.body;
      for (const secret of [alice.apiKey, stored.webhook_secret, stored.password_hash, alicePassword])
        assert.ok(!text.includes(secret), "no secret in the profile");
    });

    it("reads balances and addresses from the mirror: a deposit, then a job as client", async () => {
      // Given bob deposited 2 USDC (1 USDC goes to the activation fee)
      const bob = await createTestAgent(api, "bob-balances");
      const from = Keypair.generate();
      await activateTestAgentFrom(bob, from);
      let body = (await me(bob.apiKey)).json();
      assert.equal(body.activated, true);
      assert.deepEqual(body.balance, { available: "1000000", escrowed: "0" });
      assert.equal(body.emergencyAddress, from.publicKey.toBase58());
      // When he hires carol for 0.5 USDC (+3 % fee)
      const carol = await createTestAgent(api, "carol-provider");
      await createDirectJob(bob, carol, 500_000);
      // Then 515 000 is escrowed and no longer available
      body = (await me(bob.apiKey)).json();
      assert.deepEqual(body.balance, { available: "485000", escrowed: "515000" });
    });

    it("is 401 without a key", async () => {
      const res = await api.request({ method: "GET", url: "/api/v1/agents/me" });
      assert.equal(res.statusCode, 401);
    });
  });

  describe("PATCH /agents/me", () => {
    let erin: RegisteredAgent;
    before(async () => {
      erin = await registerViaApi(api, { description: "before" });
    });

    /** Expects a 400 with `error` and that the stored profile did not change. */
    async function refused(payload: Record<string, unknown>, error: string | RegExp): Promise<void> {
      const before = await row(erin.agentId);
      const res = await patch(erin.apiKey, payload);
      assert.equal(res.statusCode, 400, res.body);
      if (typeof error === "string") assert.deepEqual(res.json(), { error });
      else assert.match(res.json().error, error);
      assert.deepEqual(await row(erin.agentId), before);
    }

    it("changes the seed's fields, answers the new profile, and stores it", async () => {
      const res = await patch(erin.apiKey, {
        description: "Updated description",
        avatarUrl: "https://example.com/avatar.png",
        websiteUrl: "https://myagent.dev",
        capabilities: ["image-gen", "video-gen"],
        callbackUrl: "https://93.184.215.14/webhook",
      });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.equal(body.description, "Updated description");
      assert.equal(body.avatarUrl, "https://example.com/avatar.png");
      assert.equal(body.websiteUrl, "https://myagent.dev");
      assert.deepEqual(body.capabilities, ["image-gen", "video-gen"]);
      assert.equal(body.callbackUrl, "https://93.184.215.14/webhook");
      const stored = await row(erin.agentId);
      assert.equal(stored.description, "Updated description");
      assert.equal(stored.avatar_url, "https://example.com/avatar.png");
      assert.equal(stored.website_url, "https://myagent.dev");
      assert.deepEqual(stored.capabilities, ["image-gen", "video-gen"]);
      assert.equal(stored.callback_url, "https://93.184.215.14/webhook");
    });

    it("changes only what is sent; null clears a field; the name cannot be changed", async () => {
      await patch(erin.apiKey, { description: "kept", websiteUrl: "https://kept.example" });
      const res = await patch(erin.apiKey, { websiteUrl: null, name: "renamed" });
      assert.equal(res.statusCode, 200);
      const stored = await row(erin.agentId);
      assert.equal(stored.description, "kept");
      assert.equal(stored.website_url, null);
      assert.equal(stored.name, erin.name);
      assert.equal((await patch(erin.apiKey, {})).json().description, "kept");
    });

    it("description: 500 characters pass, 501 are refused", async () => {
      assert.equal((await patch(erin.apiKey, { description: "d".repeat(500) })).statusCode, 200);
      await refused({ description: "d".repeat(501) }, "description: String must contain at most 500 character(s)");
    });

    it("capabilities: 20 items pass, 21 are refused; each 1 to 50 characters", async () => {
      const caps = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`);
      assert.equal((await patch(erin.apiKey, { capabilities: caps(20) })).statusCode, 200);
      await refused({ capabilities: caps(21) }, "capabilities: Array must contain at most 20 element(s)");
      assert.equal((await patch(erin.apiKey, { capabilities: ["c".repeat(50)] })).statusCode, 200);
      await refused({ capabilities: ["c".repeat(51)] }, "capabilities.0: String must contain at most 50 character(s)");
      await refused({ capabilities: [""] }, "capabilities.0: String must contain at least 1 character(s)");
    });

    it("websiteUrl and avatarUrl: https; http only in local mode; other schemes and non-URLs refused", async () => {
      assert.equal((await patch(erin.apiKey, { websiteUrl: "http://localhost:3000" })).statusCode, 200);
      await outsideLocalMode(api, async () => {
        await refused(
          { websiteUrl: "http://myagent.dev" },
          "websiteUrl must use https (plain http is accepted only in local mode)",
        );
        await refused(
          { avatarUrl: "http://myagent.dev/a.png" },
          "avatarUrl must use https (plain http is accepted only in local mode)",
        );
      });
      await refused({ websiteUrl: "javascript:alert(1)" }, "websiteUrl must be an https URL, not javascript");
      await refused({ avatarUrl: "avatar.png" }, /^avatarUrl must be an absolute URL/);
      await refused(
        { websiteUrl: `https://x.dev/${"p".repeat(2048)}` },
        /^websiteUrl: String must contain at most 2048/,
      );
    });

    it("callbackUrl: the SSRF guard refuses loopback, private and metadata hosts outside local mode", async () => {
      await outsideLocalMode(api, async () => {
        await refused({ callbackUrl: "https://127.0.0.1/hook" }, /^callbackUrl is not allowed: 127\.0\.0\.1 is /);
        await refused({ callbackUrl: "https://localhost/hook" }, /^callbackUrl is not allowed: localhost resolves to /);
        await refused({ callbackUrl: "https://172.16.5.4/hook" }, /^callbackUrl is not allowed: 172\.16\.5\.4 is /);
        await refused(
          { callbackUrl: "https://169.254.169.254/latest/meta-data/" },
          /^callbackUrl is not allowed: 169\.254\.169\.254 is /,
        );
        await refused({ callbackUrl: "https://[fd00::1]/hook" }, /^callbackUrl is not allowed: fd00::1 is /);
        await refused({ callbackUrl: "http://93.184.215.14/hook" }, /^callbackUrl must use https/);
        assert.equal((await patch(erin.apiKey, { callbackUrl: "https://93.184.215.14/ok" })).statusCode, 200);
      });
      // In local mode a receiver on the same machine is fine.
      assert.equal((await patch(erin.apiKey, { callbackUrl: "http://127.0.0.1:4000/hook" })).statusCode, 200);
      assert.equal((await row(erin.agentId)).callback_url, "http://127.0.0.1:4000/hook");
    });

    it("is 401 without a key", async () => {
      const res = await api.request({ method: "PATCH", url: "/api/v1/agents/me", payload: { description: "x" } });
      assert.equal(res.statusCode, 401);
    });
  });

  describe("GET /agents/:id (public)", () => {
    it("shows the public profile, without email, callback, balances, keys or secrets, and needs no key", async () => {
      const res = await api.request({ method: "GET", url: `/api/v1/agents/${alice.agentId}` });
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.deepEqual(Object.keys(body).sort(), [
        "activated",
        "avatarUrl",
        "capabilities",
        "clientDisputeRate",
        "clientRestricted",
        "createdAt",
        "description",
        "id",
        "name",
        "pendingReportCount",
        "rating",
        "totalDisputesFiled",
        "trustScore",
        "verified",
        "verifiedAt",
        "walletAddress",
        "warning",
        "websiteUrl",
      ]);
      assert.equal(body.name, alice.name);
      assert.equal(body.activated, false);
      assert.deepEqual(body.rating, { average: null, count: 0 });
      const stored = await row(alice.agentId);
      for (const hidden of [
        "alice@example.com",
        "127.0.0.1:9",
        alice.apiKey,
        stored.webhook_secret,
        stored.password_hash,
        stored.encrypted_secret.toString("base64"),
      ])
        assert.ok(!res.body.includes(hidden), `the public profile does not show ${hidden.slice(0, 12)}…`);
    });

    it("an unknown id is 404", async () => {
      for (const id of ["cnosuchagent", "me-not"]) {
        const res = await api.request({ method: "GET", url: `/api/v1/agents/${id}` });
        assert.equal(res.statusCode, 404);
        assert.deepEqual(res.json(), { error: "Agent not found" });
      }
    });
  });

  describe("GET /agents/:id/ratings", () => {
    const ratings = (id: string, query = "") =>
      api.request({ method: "GET", url: `/api/v1/agents/${id}/ratings${query}` });

    it("is an empty page until jobs are rated, page 1 and limit 20 by default", async () => {
      const res = await ratings(alice.agentId);
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { ratings: [], pagination: { page: 1, limit: 20, total: 0 } });
      assert.deepEqual((await ratings(alice.agentId, "?page=3&limit=100")).json().pagination, {
        page: 3,
        limit: 100,
        total: 0,
      });
    });

    it("refuses page 0, limit 0 and limit 101", async () => {
      assert.deepEqual((await ratings(alice.agentId, "?page=0")).json(), {
        error: "page: Number must be greater than or equal to 1",
      });
      assert.equal((await ratings(alice.agentId, "?limit=0")).statusCode, 400);
      assert.deepEqual((await ratings(alice.agentId, "?limit=101")).json(), {
        error: "limit: Number must be less than or equal to 100",
      });
    });

    it("an unknown agent is 404", async () => {
      const res = await ratings("cnosuchagent");
      assert.equal(res.statusCode, 404);
      assert.deepEqual(res.json(), { error: "Agent not found" });
    });
  });

  /** Mints 2 USDC to the agent's wallet and deposits it as coming from `from`. */
  async function activateTestAgentFrom(agent: TestAgent, from: Keypair): Promise<void> {
    await api.chain.mintUsdc(agent.wallet.publicKey, 2_000_000n);
    const landed = await api.ctx.tx.execute(`deposit:${agent.id}`, "deposit", [
      await depositInstruction(api, agent, 2_000_000, from),
    ]);
    await api.ctx.waitForSlot(landed.slot);
  }

  /** `create_job` for a direct job from `client` to `provider`, co-signed by the operator. */
  async function createDirectJob(client: TestAgent, provider: TestAgent, amount: number): Promise<void> {
    const programId = api.chain.programId;
    // Jobs live only at bump 255, which about half of all ids have.
    const id = usableJobId(programId, client.wallet.publicKey, 1n);
    const job = jobPda(programId, client.wallet.publicKey, id).address;
    const now = Number(await api.chain.unixTime());
    const ix = await escrowProgram(programId)
      .methods.createJob(
        new BN(id.toString()),
        provider.wallet.publicKey,
        new BN(amount),
        new BN(0),
        new BN(now + 3600),
        false,
        JOB_BUMP,
      )
      .accountsPartial({
        payer: api.ctx.platform.feePayer.publicKey,
        client: client.wallet.publicKey,
        operator: api.ctx.platform.operator.publicKey,
        clientAgent: agentPda(programId, client.wallet.publicKey).address,
        config: api.ctx.platform.config,
        job,
        providerAgent: agentPda(programId, provider.wallet.publicKey).address,
      })
      .instruction();
    const landed = await api.ctx.tx.execute(`job:${job.toBase58()}`, "create_job", [ix]);
    await api.ctx.waitForSlot(landed.slot);
  }
});
