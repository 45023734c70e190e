/**
 * Admission under load: 20 withdrawals at once against a balance that covers exactly 3.
 * The per-agent lock admits them one after another against what the previous ones left,
 * while the worker settles the admitted ones at the same time.
 */
import assert from "node:assert/strict";
import { pendingWithdrawals } from "../../src/wallet/pending.js";
import { agentWithAddress, assertAudited, onChainAvailable, USDC, usdcOf, withdrawalsTestApi } from "./support.js";

describe("concurrent withdrawals", function () {
  this.timeout(120_000);
  const t = withdrawalsTestApi("wconcurrency");

  it("20 parallel requests against a balance for 3: exactly 3 succeed, on-chain totals agree", async () => {
    // Given an agent holding exactly 15 USDC (16 deposited, 1 activation fee)
    const { agent, recipient } = await agentWithAddress(t.api, 16n * USDC);
    assert.equal(await onChainAvailable(t.api, agent), 15n * USDC);
    // When it sends 20 withdrawals of 5 USDC at once
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => t.wallet.withdraw(agent, { amount: 5_000_000 })),
    );
    // Then exactly 3 are queued and 17 refused for lack of funds
    const accepted = answers.filter((a) => a.statusCode === 200);
    const refused = answers.filter((a) => a.statusCode !== 200);
    assert.equal(accepted.length, 3, answers.map((a) => a.body).join("\n"));
    assert.equal(refused.length, 17);
    for (const r of refused) {
      assert.equal(r.statusCode, 400);
      assert.match(r.json().error, /^Insufficient available balance: /);
    }
    // And all three settle, paying 3 × 4.90 USDC and leaving nothing
    for (const a of accepted) assert.equal((await t.wallet.finished(a.json().transactionId)).status, "settled");
    assert.equal(await usdcOf(t.api, recipient), 3n * 4_900_000n);
    assert.equal(await onChainAvailable(t.api, agent), 0n);
    assert.equal(await pendingWithdrawals(t.api.ctx, agent.id), 0n);
    const { rows } = await t.api.ctx.knex.raw(
      `select status, count(*)::int as n from withdrawal_requests where agent_id = ? group by status`,
      [agent.id],
    );
    assert.deepEqual(rows, [{ status: "settled", n: 3 }]);
    await assertAudited(t.api);
  });
});
