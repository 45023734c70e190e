/**
 * POST /api/v1/wallet/panic: the whole balance to the emergency address (the first
 * deposit's sender) and nowhere else, cooldown or not; its refusals; and panic winning over
 * queued withdrawals (cancelled before they start, refused by the program once started).
 */
import assert from "node:assert/strict";
import { Keypair } from "@solana/web3.js";
import { programErrorAnswer } from "../../src/http/program-error-status.js";
import { PANIC_MESSAGE } from "../../src/routes/wallet-withdrawals/index.js";
import { pendingWithdrawals } from "../../src/wallet/pending.js";
import { CANCELLED_BY_PANIC } from "../../src/withdrawals/request-store.js";
import { createTestAgent } from "../support/agents.js";
import {
  agentWithAddress,
  assertAudited,
  deposit,
  mirroredAgent,
  onChainAvailable,
  USDC,
  usdcOf,
  withdrawalsTestApi,
} from "./support.js";

describe("POST /api/v1/wallet/panic", function () {
  this.timeout(120_000);
  const t = withdrawalsTestApi("panic");

  /** An agent with 10 USDC and a 5 USDC withdrawal queued while the worker is paused. */
  async function queuedWithdrawal() {
    const { agent, personal, recipient } = await agentWithAddress(t.api, 11n * USDC);
    await t.pauseWithdrawals();
    const queued = await t.wallet.withdraw(agent, { amount: 5_000_000 });
    assert.equal(queued.statusCode, 200, queued.body);
    return { agent, personal, recipient, queued };
  }

  it("sends everything to the emergency address and nowhere else, during a cooldown", async () => {
    // Given an agent funded from its personal wallet, whose withdrawal address was just changed
    const agent = await createTestAgent(t.api);
    const personal = await deposit(t.api, agent, 10n * USDC);
    const first = Keypair.generate().publicKey;
    const second = Keypair.generate().publicKey;
    await t.wallet.setAddress(agent, first.toBase58());
    assert.equal((await t.wallet.setAddress(agent, second.toBase58())).statusCode, 200);
    assert.equal((await t.wallet.withdraw(agent, { amount: 5_000_000 })).statusCode, 403);
    // When it panics
    const res = await t.wallet.panic(agent);
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
    assert.equal(await usdcOf(t.api, personal.publicKey), 9n * USDC);
    assert.equal(await usdcOf(t.api, first), 0n);
    assert.equal(await usdcOf(t.api, second), 0n);
    assert.equal(await onChainAvailable(t.api, agent), 0n);
    assert.equal((await mirroredAgent(t.api, agent)).available, "0");
    // And it is on record as a settled panic
    const row = await t.wallet.requestRow(body.transactionId);
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
    await assertAudited(t.api);

    // When it panics again, Then there is nothing to withdraw
    const again = await t.wallet.panic(agent);
    assert.equal(again.statusCode, 400);
    assert.deepEqual(again.json(), { error: "Nothing to withdraw: your available balance is 0" });
  });

  it("is 409 for an agent without an emergency address (never deposited)", async () => {
    const agent = await createTestAgent(t.api);
    const res = await t.wallet.panic(agent);
    assert.equal(res.statusCode, 409);
    assert.deepEqual(res.json(), {
      error:
        "No emergency address recorded yet: it is the wallet your first deposit (of at least the activation fee) came from",
    });
  });

  it("cancels queued withdrawals the worker has not started, and takes their amount too", async () => {
    // Given a queued withdrawal the worker has not picked up
    const { agent, personal, recipient, queued } = await queuedWithdrawal();
    assert.equal(queued.statusCode, 200);
    assert.equal(await pendingWithdrawals(t.api.ctx, agent.id), 5n * USDC);
    // When the agent panics
    const res = await t.wallet.panic(agent);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().amountWithdrawn, String(10n * USDC));
    // Then the queued request failed as cancelled, and stays so once the worker runs
    await t.resumeWithdrawals();
    assert.equal((await t.wallet.requestRow(queued.json().transactionId)).status, "failed");
    assert.equal((await t.wallet.requestRow(queued.json().transactionId)).error, CANCELLED_BY_PANIC);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await t.wallet.requestRow(queued.json().transactionId)).status, "failed");
    assert.equal(await pendingWithdrawals(t.api.ctx, agent.id), 0n);
    assert.equal(await usdcOf(t.api, personal.publicKey), 10n * USDC);
    assert.equal(await usdcOf(t.api, recipient), 0n);
    await assertAudited(t.api);
  });

  it("leaves a started withdrawal to the program, which refuses it once the panic took the funds", async () => {
    // Given a queued withdrawal the worker has already taken (as if it were sending it now)
    const { agent, personal, recipient, queued } = await queuedWithdrawal();
    const id = queued.json().transactionId;
    await t.api.ctx.knex.raw(`update withdrawal_requests set started_at = now() where id = ?`, [id]);
    // When the agent panics, Then the request is not cancelled
    assert.equal((await t.wallet.panic(agent)).statusCode, 200);
    assert.equal((await t.wallet.requestRow(id)).status, "queued");
    // When the worker sends it, Then the program refuses it: the balance is gone
    await t.resumeWithdrawals();
    const row = await t.wallet.finished(id);
    assert.equal(row.status, "failed");
    assert.equal(row.error, programErrorAnswer("InsufficientFunds")?.message);
    assert.equal(await usdcOf(t.api, personal.publicKey), 10n * USDC);
    assert.equal(await usdcOf(t.api, recipient), 0n);
    await assertAudited(t.api);
  });
});
