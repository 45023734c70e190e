/**
 * POST /api/v1/wallet/withdraw end to end: admission against the mirrored balance, the
 * worker settling through the outbox, USDC arriving on-chain, the cooldown after an address
 * change (checked against the chain's clock), and every validation limit at its boundary.
 */
import assert from "node:assert/strict";
import { Keypair } from "@solana/web3.js";
import { pendingWithdrawals } from "../../src/wallet/pending.js";
import { createTestAgent, type TestAgent } from "../support/agents.js";
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

describe("POST /api/v1/wallet/withdraw", function () {
  this.timeout(120_000);
  const t = withdrawalsTestApi("withdraw");

  it("queues, settles on-chain, and pays amount − fee to the withdrawal address", async () => {
    // Given an agent with 21 USDC after the 1 USDC activation fee, and a withdrawal address
    const { agent, recipient } = await agentWithAddress(t.api, 22n * USDC);
    // When it withdraws 5 USDC
    const res = await t.wallet.withdraw(agent, { amount: 5_000_000 });
    // Then the seed's answer: queued, fee 0.10, net 4.90
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(
      { ...body, transactionId: typeof body.transactionId },
      { message: "Withdrawal queued for processing", transactionId: "string", fee: "100000", netAmount: "4900000" },
    );
    // And the worker settles it
    const row = await t.wallet.finished(body.transactionId);
    assert.equal(row.status, "settled", row.error);
    assert.equal(row.kind, "withdraw");
    assert.equal(row.amount, "5000000");
    assert.equal(row.fee, "100000");
    assert.equal(row.destination, recipient.toBase58());
    assert.ok(row.signature);
    // And the recipient's token account on-chain received exactly netAmount
    assert.equal(await usdcOf(t.api, recipient), 4_900_000n);
    // And the ledger on-chain and its mirror agree: 21 − 5 = 16 USDC, nothing pending
    assert.equal(await onChainAvailable(t.api, agent), 16n * USDC);
    assert.equal((await mirroredAgent(t.api, agent)).available, String(16n * USDC));
    assert.equal(await pendingWithdrawals(t.api.ctx, agent.id), 0n);
    await assertAudited(t.api);
  });

  describe("refusals", () => {
    let agent: TestAgent;
    before(async () => {
      ({ agent } = await agentWithAddress(t.api, 11n * USDC));
    });

    it("validates amount: non-integer, negative, zero, missing, not a number → 400 naming the field", async () => {
      const cases: [unknown, string][] = [
        [{ amount: 5_000_000.5 }, "amount: Expected integer, received float"],
        [{ amount: -5_000_000 }, "amount: Number must be greater than 0"],
        [{ amount: 0 }, "amount: Number must be greater than 0"],
        [{}, "amount: Required"],
        [{ amount: "5000000" }, "amount: Expected number, received string"],
      ];
      for (const [payload, error] of cases) {
        const res = await t.wallet.withdraw(agent, payload);
        assert.equal(res.statusCode, 400, JSON.stringify(payload));
        assert.deepEqual(res.json(), { error }, JSON.stringify(payload));
      }
    });

    it("refuses 4 999 999 (below the on-chain minimum) and accepts 5 000 000", async () => {
      const below = await t.wallet.withdraw(agent, { amount: 4_999_999 });
      assert.equal(below.statusCode, 400);
      assert.deepEqual(below.json(), { error: "Minimum withdrawal is 5.00 USDC (5000000 micro-units)" });
      const at = await t.wallet.withdraw(agent, { amount: 5_000_000 });
      assert.equal(at.statusCode, 200, at.body);
      assert.equal((await t.wallet.finished(at.json().transactionId)).status, "settled");
    });

    it("refuses more than the available balance, counting pending withdrawals", async () => {
      // Given 5 USDC left after the previous test
      assert.equal(await onChainAvailable(t.api, agent), 5n * USDC);
      const tooMuch = await t.wallet.withdraw(agent, { amount: 5_000_001 });
      assert.equal(tooMuch.statusCode, 400);
      assert.deepEqual(tooMuch.json(), {
        error: "Insufficient available balance: 5.00 USDC (5000000 micro-units) can be withdrawn",
      });
      assert.equal(
        await t.api.ctx.knex("withdrawal_requests").where({ agent_id: agent.id, status: "failed" }).first(),
        undefined,
      );
    });

    it("refuses an agent without a withdrawal address", async () => {
      const bare = await createTestAgent(t.api);
      await deposit(t.api, bare, 10n * USDC);
      const res = await t.wallet.withdraw(bare, { amount: 5_000_000 });
      assert.equal(res.statusCode, 400);
      assert.deepEqual(res.json(), {
        error: "No withdrawal address set: set one with PUT /api/v1/wallet/withdrawal-address first",
      });
    });

    it("refuses without an API key", async () => {
      const res = await t.api.request({
        method: "POST",
        url: "/api/v1/wallet/withdraw",
        payload: { amount: 5_000_000 },
      });
      assert.equal(res.statusCode, 401);
    });
  });

  describe("the cooldown after an address change", () => {
    it("refuses inside 24 h and works once the chain clock is past it", async () => {
      // Given an agent whose withdrawal address was just changed
      const { agent, recipient: first } = await agentWithAddress(t.api, 11n * USDC);
      const second = Keypair.generate().publicKey;
      const change = await t.wallet.setAddress(agent, second.toBase58());
      assert.equal(change.statusCode, 200);
      const { cooldownUntil } = change.json();
      // When it withdraws within 24 h, Then 403 naming the end of the cooldown
      const early = await t.wallet.withdraw(agent, { amount: 5_000_000 });
      assert.equal(early.statusCode, 403);
      assert.deepEqual(early.json(), {
        error: `Withdrawal address changed recently: withdrawals are locked until ${cooldownUntil} (security cooldown)`,
      });
      // When the chain clock passes 24 h
      const now = await t.api.chain.unixTime();
      await t.api.chain.warpTo(now + 86_401n);
      // Then the withdrawal goes to the new address, and nothing reached the old one
      const late = await t.wallet.withdraw(agent, { amount: 5_000_000 });
      assert.equal(late.statusCode, 200, late.body);
      assert.equal((await t.wallet.finished(late.json().transactionId)).status, "settled");
      assert.equal(await usdcOf(t.api, second), 4_900_000n);
      assert.equal(await usdcOf(t.api, first), 0n);
      await assertAudited(t.api);
    });

    it("fails a queued request the program refuses: the address changed meanwhile", async () => {
      // Given a request queued while the worker is paused
      const { agent } = await agentWithAddress(t.api, 11n * USDC);
      await t.pauseWithdrawals();
      const res = await t.wallet.withdraw(agent, { amount: 5_000_000 });
      assert.equal(res.statusCode, 200);
      // When the address changes before the worker runs
      assert.equal((await t.wallet.setAddress(agent, Keypair.generate().publicKey.toBase58())).statusCode, 200);
      await t.resumeWithdrawals();
      // Then the program refuses it and the request fails with the program's message
      const row = await t.wallet.finished(res.json().transactionId);
      assert.equal(row.status, "failed");
      assert.equal(row.error, "The withdrawal address changed after this withdrawal was requested; request it again");
      assert.equal(await pendingWithdrawals(t.api.ctx, agent.id), 0n);
      assert.equal(await onChainAvailable(t.api, agent), 10n * USDC);
      await assertAudited(t.api);
    });
  });
});
