/**
 * `GET /wallet/transactions` from the indexed events, and the balance's security warning,
 * after real money steps: a deposit that paid the activation fee, a withdrawal with its fee,
 * and a withdrawal address change that starts the cooldown.
 */
import assert from "node:assert/strict";
import { Keypair } from "@solana/web3.js";
import { createTestAgent, type TestAgent } from "../support/agents.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import {
  assertVaultInvariant,
  balance,
  confirmDeposit,
  fund,
  setWithdrawalAddress,
  usdcOf,
  withdraw,
} from "../support/wallet.js";

describe("wallet: transaction history and warnings", () => {
  let api: TestApi;
  let agent: TestAgent;
  let deposit: { signature: string; from: string };
  const payout = Keypair.generate().publicKey;

  const list = async (query = "") => {
    const res = await api.request({ method: "GET", url: `/api/v1/wallet/transactions${query}`, bearer: agent.apiKey });
    return { status: res.statusCode, body: res.json() };
  };

  before(async () => {
    api = await startTestApi({ label: "wallet_history" });
    // Given an agent that deposited 10 USDC and withdrew 5 (the minimum) to its address
    agent = await createTestAgent(api);
    deposit = await fund(api, agent.wallet.publicKey.toBase58(), 10_000_000);
    await confirmDeposit(api, agent);
    await setWithdrawalAddress(api, agent, payout, `test-wa:${agent.id}`);
    await api.chain.mintUsdc(payout, 0n); // the payout wallet's token account
    await withdraw(api, agent, payout, 5_000_000, `test-withdraw:${agent.id}`);
  });
  after(async () => {
    await api?.close();
  });

  it("lists every money movement newest first, each with its transaction's signature", async () => {
    const { status, body } = await list();

    assert.equal(status, 200);
    assert.deepEqual(
      body.transactions.map((t: Record<string, string>) => [t.type, t.amount, t.direction]),
      [
        ["fee", "100000", "out"],
        ["withdrawal", "4900000", "out"],
        ["fee", "1000000", "out"],
        ["deposit", "10000000", "in"],
      ],
    );
    assert.deepEqual(body.pagination, { page: 1, limit: 20, total: 4 });
    const [, out, , inbound] = body.transactions;
    assert.equal(inbound.reference, deposit.from, "a deposit names the wallet it came from");
    assert.equal(out.reference, payout.toBase58());
    const { rows } = await api.ctx.knex.raw(
      "select signature, name from events where name in ('Deposited', 'Withdrawn')",
    );
    const signatureOf = (name: string) => rows.find((r: { name: string }) => r.name === name).signature;
    assert.equal(inbound.signature, signatureOf("Deposited"));
    assert.equal(out.signature, signatureOf("Withdrawn"));
    assert.ok(body.transactions.every((t: { createdAt: string }) => !Number.isNaN(Date.parse(t.createdAt))));
    // And the money is where the history says
    assert.equal(await usdcOf(api, payout), 4_900_000n);
    assert.equal((await balance(api, agent)).available, "4000000");
    await assertVaultInvariant(api);
  });

  it("filters by type and pages", async () => {
    const fees = await list("?type=fee");
    assert.deepEqual(
      fees.body.transactions.map((t: { amount: string }) => t.amount),
      ["100000", "1000000"],
    );
    assert.equal(fees.body.pagination.total, 2);

    const second = await list("?page=2&limit=1");
    assert.deepEqual(second.body.pagination, { page: 2, limit: 1, total: 4 });
    assert.equal(second.body.transactions.length, 1);
    assert.equal(second.body.transactions[0].type, "withdrawal");

    assert.deepEqual((await list("?page=9")).body.transactions, []);
    assert.deepEqual((await list("?type=earned")).body, {
      transactions: [],
      pagination: { page: 1, limit: 20, total: 0 },
    });
  });

  it("refuses an unknown type and out-of-range paging with a 400 naming the field", async () => {
    for (const query of ["?type=bonus", "?page=0", "?limit=0", "?limit=101", "?page=x"]) {
      const { status, body } = await list(query);
      assert.equal(status, 400, query);
      assert.match(body.error, /^(type|page|limit)/, query);
    }
  });

  it("warns while a changed withdrawal address is in its cooldown, and stops after it (advance-time)", async () => {
    assert.equal("warnings" in (await balance(api, agent)), false, "a first address set is no concern");
    const thief = Keypair.generate().publicKey;

    await setWithdrawalAddress(api, agent, thief, `test-wa-change:${agent.id}`);

    const during = await balance(api, agent);
    assert.equal(during.withdrawalAddress, thief.toBase58());
    assert.equal(during.warnings.length, 1);
    assert.match(during.warnings[0], /^Security alert: Withdrawal address was changed at .* to /);
    assert.match(during.warnings[0], /POST \/api\/v1\/wallet\/panic/);

    const res = await api.request({ method: "POST", url: "/api/v1/dev/advance-time", payload: { seconds: 86_401 } });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal("warnings" in (await balance(api, agent)), false);
  });
});
