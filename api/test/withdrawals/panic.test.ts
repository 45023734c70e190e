/**
 * POST /api/v1/wallet/panic: the whole balance to the emergency address (the first
 * deposit's sender) and nowhere else, cooldown or not; its refusals; and panic winning over
 * queued withdrawals (cancelled before they start, refused by the program once started).
 */
import assert from "node:assert/strict";
import { Keypair } from "@solana/web3.js";
import type { Worker } from "bullmq";
import { programErrorAnswer } from "../../src/http/program-error-status.js";
import { PANIC_MESSAGE } from "../../src/routes/wallet-withdrawals/index.js";
import { pendingWithdrawals } from "../../src/wallet/pending.js";
import { CANCELLED_BY_PANIC } from "../../src/withdrawals/request-store.js";
import { startWithdrawalWorker } from "../../src/workers/withdrawals.js";
import { createTestAgent, type TestAgent } from "../support/agents.js";
import { eventually } from "../support/eventually.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { assertAudited, deposit, mirroredAgent, onChainAvailable, usdcOf } from "./support.js";

const USDC = 1_000_000n;

describe("POST /api/v1/wallet/panic", function () {
  this.timeout(120_000);
  let api: TestApi;
  let worker: Worker;
  before(async () => {
    api = await startTestApi({ label: "panic" });
    worker = startWithdrawalWorker(api.ctx);
  });
  after(async () => api?.close());

  const post = (agent: TestAgent, url: string, payload?: object) =>
    api.request({ method: "POST", url: `/api/v1/wallet/${url}`, bearer: agent.apiKey, payload });
  const setAddress = (agent: TestAgent, address: string) =>
    api.request({
      method: "PUT",
      url: "/api/v1/wallet/withdrawal-address",
      bearer: agent.apiKey,
      payload: { address },
    });
  const requestRow = async (id: string) =>
    (await api.ctx.knex.raw(`select * from withdrawal_requests where id = ?`, [id])).rows[0];

  it("sends everything to the emergency address and nowhere else, during a cooldown", async () => {
    // Given an agent funded from its personal wallet, whose withdrawal address was just changed
    const agent = await createTestAgent(api);
    const personal = await deposit(api, agent, 10n * USDC);
    const first = Keypair.generate().publicKey;
    const second = Keypair.generate().publicKey;
    await setAddress(agent, first.toBase58());
    assert.equal((await setAddress(agent, second.toBase58())).statusCode, 200);
    assert.equal((await post(agent, "withdraw", { amount: 5_000_000 })).statusCode, 403);
    // When it panics
    const res = await post(agent, "panic");
    // Then the seed's answer, with the whole 9 USDC (10 − the activation fee)
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(
      { ...body, transactionId: typeof body.transactionId },
      {
        message: PANIC_MESSAGE,
        emergencyAddress: personal.publicKey.toBase58(),
        amountWithdrawn: String(9n * USDC),
        transactionId: "string",
      },
    );
    // And the personal wallet's token account holds it, neither withdrawal address got anything
    assert.equal(await usdcOf(api, personal.publicKey), 9n * USDC);
    assert.equal(await usdcOf(api, first), 0n);
    assert.equal(await usdcOf(api, second), 0n);
    assert.equal(await onChainAvailable(api, agent), 0n);
    assert.equal((await mirroredAgent(api, agent)).available, "0");
    // And it is on record as a settled panic
    const row = await requestRow(body.transactionId);
    assert.deepEqual(
      { kind: row.kind, status: row.status, amount: row.amount, fee: row.fee, destination: row.destination },
      {
        kind: "panic",
        status: "settled",
        amount: String(9n * USDC),
        fee: "0",
        destination: personal.publicKey.toBase58(),
      },
    );
    await assertAudited(api);

    // When it panics again, Then there is nothing to withdraw
    const again = await post(agent, "panic");
    assert.equal(again.statusCode, 400);
    assert.deepEqual(again.json(), { error: "Nothing to withdraw: your available balance is 0" });
  });

  it("is 409 for an agent without an emergency address (never deposited)", async () => {
    const agent = await createTestAgent(api);
    const res = await post(agent, "panic");
    assert.equal(res.statusCode, 409);
    assert.deepEqual(res.json(), {
      error:
        "No emergency address recorded yet: it is the wallet your first deposit (of at least the activation fee) came from",
    });
  });

  it("cancels queued withdrawals the worker has not started, and takes their amount too", async () => {
    // Given a queued withdrawal the worker has not picked up
    const agent = await createTestAgent(api);
    const personal = await deposit(api, agent, 11n * USDC);
    const recipient = Keypair.generate().publicKey;
    await setAddress(agent, recipient.toBase58());
    await worker.pause();
    const queued = await post(agent, "withdraw", { amount: 5_000_000 });
    assert.equal(queued.statusCode, 200);
    assert.equal(await pendingWithdrawals(api.ctx, agent.id), 5n * USDC);
    // When the agent panics
    const res = await post(agent, "panic");
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().amountWithdrawn, String(10n * USDC));
    // Then the queued request failed as cancelled, and stays so once the worker runs
    worker.resume();
    assert.equal((await requestRow(queued.json().transactionId)).status, "failed");
    assert.equal((await requestRow(queued.json().transactionId)).error, CANCELLED_BY_PANIC);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await requestRow(queued.json().transactionId)).status, "failed");
    assert.equal(await pendingWithdrawals(api.ctx, agent.id), 0n);
    assert.equal(await usdcOf(api, personal.publicKey), 10n * USDC);
    assert.equal(await usdcOf(api, recipient), 0n);
    await assertAudited(api);
  });

  it("leaves a started withdrawal to the program, which refuses it once the panic took the funds", async () => {
    // Given a queued withdrawal the worker has already taken (as if it were sending it now)
    const agent = await createTestAgent(api);
    const personal = await deposit(api, agent, 11n * USDC);
    const recipient = Keypair.generate().publicKey;
    await setAddress(agent, recipient.toBase58());
    await worker.pause();
    const queued = await post(agent, "withdraw", { amount: 5_000_000 });
    const id = queued.json().transactionId;
    await api.ctx.knex.raw(`update withdrawal_requests set started_at = now() where id = ?`, [id]);
    // When the agent panics, Then the request is not cancelled
    assert.equal((await post(agent, "panic")).statusCode, 200);
    assert.equal((await requestRow(id)).status, "queued");
    // When the worker sends it, Then the program refuses it: the balance is gone
    worker.resume();
    const row = await eventually("the started request to settle", async () => {
      const r = await requestRow(id);
      return r.status === "queued" ? undefined : r;
    });
    assert.equal(row.status, "failed");
    assert.equal(row.error, programErrorAnswer("InsufficientFunds")?.message);
    assert.equal(await usdcOf(api, personal.publicKey), 10n * USDC);
    assert.equal(await usdcOf(api, recipient), 0n);
    await assertAudited(api);
  });
});
