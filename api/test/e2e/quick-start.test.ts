/**
 * The public guide's Quick Start, end to end over HTTP only, as a new agent walks it: register,
 * receive USDC from a personal wallet, confirm the deposit (activated, the 1 USDC fee taken, the
 * sender recorded as emergency address), read the balance, set the withdrawal address, withdraw,
 * and see the worker settle it: the balance, the on-chain token accounts and the vault agree.
 */
import assert from "node:assert/strict";
import { agentPda } from "@justpay/sdk";
import { PublicKey } from "@solana/web3.js";
import { eventually } from "../support/eventually.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import { assertVaultInvariant, fund, usdcOf } from "../support/wallet.js";

describe("the guide's Quick Start over HTTP", function () {
  this.timeout(120_000);
  let api: TestApi;
  before(async () => {
    api = await startTestApi({ label: "e2e_quick_start" });
  });
  after(async () => api?.close());

  const call = async (method: "GET" | "POST" | "PUT", url: string, bearer?: string, payload?: object) => {
    const res = await api.request({ method, url: `/api/v1${url}`, bearer, payload });
    assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };

  it("register → deposit → confirm → balance → withdrawal address → withdraw → settled on-chain", async () => {
    // 1. Register: unactivated, with a key and a custodial wallet whose ledger is on-chain
    const registered = await call("POST", "/auth/register", undefined, { name: "summarizer-bot" });
    assert.equal(registered.activated, false);
    assert.equal(registered.activationFee, "1.00 USDC");
    assert.match(registered.apiKey, /^jp_/);
    const key: string = registered.apiKey;
    const wallet = new PublicKey(registered.walletAddress);
    assert.ok(await api.chain.getAccount(agentPda(api.chain.programId, wallet).address), "ledger exists");

    // 2. Send 10 USDC from a personal wallet to the deposit address
    const depositAddress = await call("GET", "/wallet/deposit-address", key);
    assert.deepEqual(depositAddress, { address: wallet.toBase58(), network: "solana", token: "USDC" });
    const { from } = await fund(api, depositAddress.address, 10_000_000);

    // 3. Confirm: one deposit, activated, and the sender suggested as withdrawal address
    const confirmed = await call("POST", "/wallet/confirm-deposit", key);
    assert.equal(confirmed.depositsFound, 1);
    assert.equal(confirmed.totalCredited, "10000000");
    assert.equal(confirmed.activated, true);
    assert.equal(confirmed.action.suggestedAddress, from);
    const me = await call("GET", "/agents/me", key);
    assert.equal(me.emergencyAddress, from, "the first real deposit's sender is the emergency address");
    await assertVaultInvariant(api);

    // 4. The balance: 10 USDC less the 1 USDC activation fee
    assert.deepEqual(await call("GET", "/wallet/balance", key), {
      available: "9000000",
      pending: "0",
      escrowed: "0",
      total: "9000000",
      withdrawalAddress: null,
    });

    // 5. Accept the suggestion: a first address has no cooldown
    assert.deepEqual(await call("PUT", "/wallet/withdrawal-address", key, { address: from }), {
      message: "Withdrawal address set",
      cooldownUntil: null,
    });

    // 6. Withdraw 5 USDC: queued, 0.10 fee, 4.90 net
    const queued = await call("POST", "/wallet/withdraw", key, { amount: 5_000_000 });
    assert.equal(queued.message, "Withdrawal queued for processing");
    assert.equal(queued.fee, "100000");
    assert.equal(queued.netAmount, "4900000");

    // 7. The worker settles it: nothing pending, 4 USDC left, 4.90 USDC in the personal wallet
    const settled = await eventually("the withdrawal to settle", async () => {
      const b = await call("GET", "/wallet/balance", key);
      return b.pending === "0" && b.available === "4000000" ? b : undefined;
    });
    assert.equal(settled.total, "4000000");
    assert.equal(await usdcOf(api, from), 4_900_000n);
    assert.equal(await usdcOf(api, wallet), 0n, "the deposit left the custodial token account for the vault");
    const history = await call("GET", "/wallet/transactions?type=withdrawal", key);
    assert.equal(history.transactions.length, 1);
    assert.equal(history.transactions[0].amount, "4900000");
    assert.ok(await api.chain.getTransaction(history.transactions[0].signature), "its signature is on-chain");
    await assertVaultInvariant(api);
  });
});
