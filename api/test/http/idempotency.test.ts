/**
 * Idempotency-Key over HTTP (api/src/http/idempotency.ts): replays, conflicts, concurrent
 * duplicates, 5xx releasing the key, a dead owner's lease, and the money routes using it.
 */
import assert from "node:assert/strict";
import { z } from "zod";
import { IdempotencyHeaders } from "../../src/http/idempotency.js";
import { IdempotencyStore } from "../../src/http/idempotency-store.js";
import { defineRoutes } from "../../src/routes/route-module.js";
import { IDEMPOTENCY_RETENTION_MS } from "../../src/workers/idempotency-prune.js";
import { createTestAgent, type TestAgent } from "../support/agents.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { fund } from "../support/wallet.js";
import { agentWithAddress, onChainAvailable, USDC, usdcOf, walletRoutes } from "../withdrawals/support.js";

/** Counts how often each probe ran; `flaky` fails its first run with a 500. */
const runs = { echo: 0, flaky: 0 };
const probes = defineRoutes("idempotency-probes", "/probe", async (app) => {
  const options = { preHandler: [app.requireAgent, app.idempotent], schema: { headers: IdempotencyHeaders } };
  app.post("/echo", { ...options, schema: { ...options.schema, body: z.object({ n: z.number() }) } }, async (req) => {
    runs.echo += 1;
    await new Promise((r) => setTimeout(r, 200));
    return { run: runs.echo, n: req.body.n };
  });
  app.post("/flaky", options, async () => {
    runs.flaky += 1;
    if (runs.flaky === 1) throw new Error("transient");
    return { run: runs.flaky };
  });
});

describe("Idempotency-Key", function () {
  this.timeout(120_000);
  let api: TestApi;
  let agent: TestAgent;
  before(async () => {
    api = await startTestApi({ label: "idempotency", routes: [probes] });
    agent = await createTestAgent(api);
  });
  after(async () => api?.close());

  const echo = (key: string | undefined, n: number, who: TestAgent = agent) =>
    api.request({
      method: "POST",
      url: "/probe/echo",
      bearer: who.apiKey,
      payload: { n },
      headers: key === undefined ? {} : { "idempotency-key": key },
    });

  it("runs every request without a key", async () => {
    const before = runs.echo;
    await echo(undefined, 1);
    await echo(undefined, 1);
    assert.equal(runs.echo, before + 2);
  });

  it("replays the first response for the same key and body, marked as a replay", async () => {
    const first = await echo("replay-1", 7);
    const again = await echo("replay-1", 7);
    assert.equal(first.statusCode, 200);
    assert.equal(again.statusCode, 200);
    assert.equal(again.body, first.body);
    assert.equal(again.headers["idempotent-replayed"], "true");
    assert.equal(first.headers["idempotent-replayed"], undefined);
  });

  it("answers 409 for the same key with another body, or on another route", async () => {
    await echo("conflict-1", 1);
    const other = await echo("conflict-1", 2);
    assert.equal(other.statusCode, 409);
    assert.deepEqual(other.json(), { error: "This Idempotency-Key was already used for a different request" });
    const elsewhere = await api.request({
      method: "POST",
      url: "/probe/flaky",
      bearer: agent.apiKey,
      headers: { "idempotency-key": "conflict-1" },
    });
    assert.equal(elsewhere.statusCode, 409);
  });

  it("keeps keys per agent", async () => {
    const bob = await createTestAgent(api);
    const mine = await echo("shared-key", 1);
    const his = await echo("shared-key", 2, bob);
    assert.equal(his.statusCode, 200);
    assert.notEqual(his.json().run, mine.json().run);
  });

  it("refuses a malformed key with 400", async () => {
    for (const key of ["x".repeat(256), "has space", "naïve"]) {
      const res = await echo(key, 1);
      assert.equal(res.statusCode, 400, key);
      assert.match(res.json().error, /Idempotency-Key must be 1 to 255 visible ASCII characters/, key);
    }
    assert.equal((await echo("x".repeat(255), 1)).statusCode, 200);
  });

  it("runs 10 concurrent duplicates once; all get the first response", async () => {
    const before = runs.echo;
    const answers = await Promise.all(Array.from({ length: 10 }, () => echo("concurrent-1", 3)));
    assert.equal(runs.echo, before + 1);
    for (const a of answers) {
      assert.equal(a.statusCode, 200);
      assert.equal(a.body, answers[0]?.body);
    }
  });

  it("does not keep a 5xx: a retry with the key runs again", async () => {
    const url = "/probe/flaky";
    const headers = { "idempotency-key": "flaky-1" };
    const failed = await api.request({ method: "POST", url, bearer: agent.apiKey, headers });
    assert.equal(failed.statusCode, 500);
    const retried = await api.request({ method: "POST", url, bearer: agent.apiKey, headers });
    assert.equal(retried.statusCode, 200);
    assert.deepEqual(retried.json(), { run: 2 });
  });

  it("takes over a key whose owner died (its lease ran out) and runs the request", async () => {
    const first = await echo("orphan-1", 5);
    // As if the process had died while running it
    await api.ctx.knex.raw(
      `update idempotency_keys set status = 'in_progress', response_status = null, response_body = null,
       locked_until = now() - interval '1 second' where agent_id = ? and key = ?`,
      [agent.id, "orphan-1"],
    );
    const retried = await echo("orphan-1", 5);
    assert.equal(retried.statusCode, 200);
    assert.equal(retried.json().run, first.json().run + 1);
  });

  it("forgets keys a day after their answer, and dead owners' keys a day after their lease", async () => {
    // Given three answered keys (one aged past the retention) and one abandoned mid-request long ago
    for (const key of ["prune-fresh", "prune-old", "prune-dead"]) assert.equal((await echo(key, 1)).statusCode, 200);
    const age = (key: string, column: "updated_at" | "locked_until", status: string) =>
      api.ctx.knex.raw(
        `update idempotency_keys set ${column} = now() - interval '25 hours', status = ? where agent_id = ? and key = ?`,
        [status, agent.id, key],
      );
    await age("prune-old", "updated_at", "done");
    await age("prune-dead", "locked_until", "in_progress");
    // When the hourly prune runs
    const removed = await new IdempotencyStore(api.ctx.knex).prune(IDEMPOTENCY_RETENTION_MS);
    // Then exactly the two stale keys are gone, and the old key runs its request again
    assert.equal(removed, 2);
    const { rows } = await api.ctx.knex.raw(
      `select key from idempotency_keys where agent_id = ? and key like 'prune-%' order by key`,
      [agent.id],
    );
    assert.deepEqual(
      rows.map((r: { key: string }) => r.key),
      ["prune-fresh"],
    );
    const before = runs.echo;
    assert.equal((await echo("prune-old", 1)).headers["idempotent-replayed"], undefined);
    assert.equal(runs.echo, before + 1);
  });

  it("is documented on the money routes' OpenAPI operations", async () => {
    const doc = (await api.request({ method: "GET", url: "/docs/json" })).json();
    for (const path of ["/api/v1/wallet/withdraw", "/api/v1/wallet/panic", "/api/v1/wallet/confirm-deposit"]) {
      const op = doc.paths[path].post;
      const header = op.parameters.find((p: { name: string }) => p.name === "idempotency-key");
      assert.equal(header?.in, "header", path);
      assert.match(op.description, /Idempotency-Key/, path);
    }
  });

  describe("on the money routes", () => {
    it("withdraw: a replay returns the same body and queues nothing more; 4xx are kept too", async () => {
      const { agent: payer } = await agentWithAddress(api, 16n * USDC);
      const wallet = walletRoutes(api);
      const headers = { "idempotency-key": "withdraw-1" };
      const first = await wallet.withdraw(payer, { amount: 5_000_000 }, headers);
      const again = await wallet.withdraw(payer, { amount: 5_000_000 }, headers);
      assert.equal(first.statusCode, 200, first.body);
      assert.equal(again.body, first.body);
      const conflicting = await wallet.withdraw(payer, { amount: 6_000_000 }, headers);
      assert.equal(conflicting.statusCode, 409);
      const { rows } = await api.ctx.knex.raw(
        `select id, idempotency_key from withdrawal_requests where agent_id = ?`,
        [payer.id],
      );
      assert.deepEqual(rows, [{ id: first.json().transactionId, idempotency_key: "withdraw-1" }]);
      // A refusal is the first response too
      const below = await wallet.withdraw(payer, { amount: 1 }, { "idempotency-key": "withdraw-2" });
      const belowAgain = await wallet.withdraw(payer, { amount: 1 }, { "idempotency-key": "withdraw-2" });
      assert.equal(below.statusCode, 400);
      assert.equal(belowAgain.statusCode, 400);
      assert.equal(belowAgain.headers["idempotent-replayed"], "true");
    });

    it("withdraw: 10 concurrent duplicates queue one request", async () => {
      const { agent: payer } = await agentWithAddress(api, 16n * USDC);
      const wallet = walletRoutes(api);
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => wallet.withdraw(payer, { amount: 5_000_000 }, { "idempotency-key": "w-c" })),
      );
      for (const a of answers) assert.equal(a.body, answers[0]?.body);
      const { rows } = await api.ctx.knex.raw(`select count(*)::int as n from withdrawal_requests where agent_id = ?`, [
        payer.id,
      ]);
      assert.equal(rows[0].n, 1);
    });

    it("confirm-deposit: a replay answers the first result, not a fresh scan", async () => {
      // Given an agent whose wallet received 3 USDC
      const depositor = await createTestAgent(api);
      await fund(api, depositor.wallet.publicKey.toBase58(), 3_000_000);
      const confirm = () =>
        api.request({
          method: "POST",
          url: "/api/v1/wallet/confirm-deposit",
          bearer: depositor.apiKey,
          headers: { "idempotency-key": "confirm-1" },
        });
      // When it confirms twice under one key, then both answer the credit, the second as a replay
      const first = await confirm();
      const again = await confirm();
      assert.equal(first.statusCode, 200, first.body);
      assert.equal(first.json().depositsFound, 1);
      assert.equal(again.body, first.body);
      assert.equal(again.headers["idempotent-replayed"], "true");
    });

    it("panic: 10 concurrent duplicates panic once and all answer the same", async () => {
      const { agent: victim, personal } = await agentWithAddress(api, 8n * USDC);
      const wallet = walletRoutes(api);
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => wallet.panic(victim, { "idempotency-key": "p-1" })),
      );
      for (const a of answers) {
        assert.equal(a.statusCode, 200, a.body);
        assert.equal(a.body, answers[0]?.body);
      }
      assert.equal(answers[0]?.json().amountWithdrawn, String(7n * USDC));
      assert.equal(await usdcOf(api, personal.publicKey), 7n * USDC);
      assert.equal(await onChainAvailable(api, victim), 0n);
      const { rows } = await api.ctx.knex.raw(
        `select count(*)::int as n from tx_intents where key like ? and status = 'confirmed'`,
        [`panic:${victim.id}:%`],
      );
      assert.equal(rows[0].n, 1);
    });
  });
});
