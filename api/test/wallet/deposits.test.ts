/**
 * Deposits end to end on the real stack: a real SPL transfer from a personal wallet
 * (`POST /dev/fund`), `POST /wallet/confirm-deposit` running the program's `deposit` through
 * the outbox, and the answers checked against the routes, the tables, the token accounts
 * on-chain and the vault invariant.
 */
import assert from "node:assert/strict";
import { agentPda, escrowProgram } from "@justpay/sdk";
import { Keypair } from "@solana/web3.js";
import { NO_DEPOSIT_MESSAGE } from "../../src/wallet/confirm-deposit.js";
import { usdcAccountOf } from "../../src/wallet/usdc-account.js";
import { DEPOSIT_SCAN_QUEUE } from "../../src/workers/deposits.js";
import { createTestAgent } from "../support/agents.js";
import { eventually } from "../support/eventually.js";
import { startTestApi, type TestApi } from "../support/test-api.js";
import {
  assertVaultInvariant,
  balance,
  confirmDeposit,
  depositedEvents,
  fund,
  ledger,
  setWithdrawalAddress,
  usdcOf,
} from "../support/wallet.js";

const USDC = 1_000_000;
const FEE = 1_000_000n;

describe("wallet: deposits", () => {
  let api: TestApi;
  before(async () => {
    api = await startTestApi({ label: "deposits" });
  });
  after(async () => {
    await api?.close();
  });

  const vault = () => usdcOf(api, api.ctx.platform.config);
  const credits = async (agentId: string) =>
    (
      await api.ctx.knex.raw(
        "select transfer_signature, status, deposit_signature from deposit_credits where agent_id = ? order by transfer_slot",
        [agentId],
      )
    ).rows;

  it("fund → confirm-deposit: activated, the 1 USDC fee taken, the sender is the emergency address and is suggested", async () => {
    // Given a registered agent and 5 USDC sent to its wallet from a personal wallet
    const agent = await createTestAgent(api);
    const wallet = agent.wallet.publicKey.toBase58();
    const vaultBefore = await vault();
    const { from, signature } = await fund(api, wallet, 5 * USDC);
    assert.equal(await usdcOf(api, wallet), 5_000_000n, "the transfer landed in the wallet's USDC account");

    // When it confirms the deposit
    const answer = await confirmDeposit(api, agent);

    // Then the seed's shape, with the sender suggested as withdrawal address
    assert.deepEqual(answer, {
      message: "1 deposit(s) credited to your account",
      depositsFound: 1,
      totalCredited: "5000000",
      activated: true,
      action: {
        type: "set_withdrawal_address",
        suggestedAddress: from,
        message: `Set your withdrawal address to receive funds: call PUT /api/v1/wallet/withdrawal-address with {"address": "${from}"} to use the wallet you deposited from.`,
      },
    });
    // And the ledger: 4 USDC available, activated, the emergency address is the sender
    const l = await ledger(api, agent);
    assert.equal(l.available, 4_000_000n);
    assert.equal(l.activated, true);
    assert.equal(l.emergencyAddress, from);
    // And the tokens moved from the wallet into the vault
    assert.equal(await usdcOf(api, wallet), 0n);
    assert.equal((await vault()) - vaultBefore, 5_000_000n);
    const [row] = await credits(agent.id);
    assert.equal(row.transfer_signature, signature);
    assert.equal(row.status, "credited");
    const [event] = await depositedEvents(api, agent);
    assert.equal(event?.source_owner, from);
    await assertVaultInvariant(api);

    // And the balance reads the mirror
    assert.deepEqual(await balance(api, agent), {
      available: "4000000",
      pending: "0",
      escrowed: "0",
      total: "4000000",
      withdrawalAddress: null,
    });
  });

  it("dust first neither sets the emergency address nor activates; a later deposit of at least 1 USDC does both", async () => {
    const agent = await createTestAgent(api);
    const wallet = agent.wallet.publicKey.toBase58();

    // Given a stranger's dust
    const dust = await fund(api, wallet, 1);
    const first = await confirmDeposit(api, agent);
    assert.equal(first.depositsFound, 1);
    assert.equal(first.totalCredited, "1");
    assert.equal(first.activated, false);
    assert.equal(first.action.suggestedAddress, dust.from, "no emergency address yet: the sender is all we know");
    let l = await ledger(api, agent);
    assert.equal(l.emergencyAddress, null, "dust never sets the emergency address");
    assert.equal(l.activated, false);
    assert.equal(l.available, 1n);

    // When the owner deposits 1 USDC
    const owner = await fund(api, wallet, USDC);
    const second = await confirmDeposit(api, agent);

    // Then the owner's wallet is the emergency address, and the fee is taken once
    assert.equal(second.activated, true);
    assert.equal(second.action.suggestedAddress, owner.from);
    l = await ledger(api, agent);
    assert.equal(l.emergencyAddress, owner.from);
    assert.equal(l.available, 1n + BigInt(USDC) - FEE);
    await assertVaultInvariant(api);
  });

  it("an emergency address the agent pinned first is kept, and suggested, whoever deposits", async () => {
    const agent = await createTestAgent(api);
    const pinned = Keypair.generate().publicKey;
    const pin = await escrowProgram(api.ctx.chain.programId)
      .methods.pinEmergencyAddress(pinned)
      .accountsPartial({
        wallet: agent.wallet.publicKey,
        agent: agentPda(api.ctx.chain.programId, agent.wallet.publicKey).address,
        config: api.ctx.platform.config,
      })
      .instruction();
    await api.ctx.waitForSlot((await api.ctx.tx.execute(`test-pin:${agent.id}`, "pin_emergency_address", [pin])).slot);
    await fund(api, agent.wallet.publicKey.toBase58(), 2 * USDC);

    const answer = await confirmDeposit(api, agent);

    assert.equal(answer.activated, true);
    assert.equal(answer.action.suggestedAddress, pinned.toBase58());
    assert.equal((await ledger(api, agent)).emergencyAddress, pinned.toBase58());
  });

  it("a repeated confirm-deposit credits nothing twice", async () => {
    const agent = await createTestAgent(api);
    await fund(api, agent.wallet.publicKey.toBase58(), 3 * USDC);
    assert.equal((await confirmDeposit(api, agent)).depositsFound, 1);
    const vaultAfterFirst = await vault();

    const again = await confirmDeposit(api, agent);

    assert.deepEqual(again, { message: NO_DEPOSIT_MESSAGE, depositsFound: 0 });
    assert.equal((await ledger(api, agent)).available, 2_000_000n);
    assert.equal(await vault(), vaultAfterFirst);
    assert.equal((await depositedEvents(api, agent)).length, 1);
    await assertVaultInvariant(api);
  });

  it("two concurrent confirm-deposits credit the transfer once, and one of them reports it", async () => {
    const agent = await createTestAgent(api);
    await fund(api, agent.wallet.publicKey.toBase58(), 2 * USDC);

    const answers = await Promise.all([confirmDeposit(api, agent), confirmDeposit(api, agent)]);

    assert.deepEqual(answers.map((a) => a.depositsFound).sort(), [0, 1]);
    assert.equal((await depositedEvents(api, agent)).length, 1);
    assert.equal((await ledger(api, agent)).available, 1_000_000n);
    assert.equal((await credits(agent.id)).length, 1);
    await assertVaultInvariant(api);
  });

  it("credits several transfers oldest first, each with its own sender, in one call", async () => {
    const agent = await createTestAgent(api);
    const wallet = agent.wallet.publicKey.toBase58();
    const a = await fund(api, wallet, 2 * USDC);
    const b = await fund(api, wallet, 3 * USDC);

    const answer = await confirmDeposit(api, agent);

    assert.equal(answer.depositsFound, 2);
    assert.equal(answer.totalCredited, "5000000");
    const events = await depositedEvents(api, agent);
    assert.deepEqual(
      events.map((e) => [e.source_owner, e.amount]),
      [
        [a.from, "2000000"],
        [b.from, "3000000"],
      ],
    );
    assert.equal((await ledger(api, agent)).emergencyAddress, a.from, "the first deposit reaching the fee");
    await assertVaultInvariant(api);
  });

  it("the balance read queues a background scan; the next confirm-deposit still reports that credit, once", async () => {
    // The stack runs the worker modules, the deposit-scans worker among them.
    const agent = await createTestAgent(api);
    await fund(api, agent.wallet.publicKey.toBase58(), 2 * USDC);

    await balance(api, agent);
    await eventually("the background credit", async () =>
      (await credits(agent.id))[0]?.status === "credited" ? true : undefined,
    );
    await api.ctx.waitForSlot(await api.chain.getSlot());

    assert.equal((await balance(api, agent)).available, "1000000");
    const reported = await confirmDeposit(api, agent);
    assert.equal(reported.depositsFound, 1);
    assert.equal(reported.activated, true);
    assert.equal((await confirmDeposit(api, agent)).depositsFound, 0);
    await assertVaultInvariant(api);
  });

  it("balance reads in a row make one scan per agent", async () => {
    const agent = await createTestAgent(api);
    const account = usdcAccountOf(api.ctx, agent.wallet.publicKey.toBase58());
    const chain = api.ctx.chain;
    const scan = chain.getTokenTransfersInto.bind(chain);
    let scans = 0;
    chain.getTokenTransfersInto = (tokenAccount, options) => {
      if (tokenAccount.equals(account)) scans++;
      return scan(tokenAccount, options);
    };
    try {
      for (let i = 0; i < 3; i++) await balance(api, agent);
      await eventually("a scan", async () => (scans > 0 ? true : undefined));
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      chain.getTokenTransfersInto = scan;
    }

    assert.equal(scans, 1);
  });

  it("the balance read still answers when the scan cannot be queued", async () => {
    const agent = await createTestAgent(api);
    const queue = api.ctx.queues.queue(DEPOSIT_SCAN_QUEUE);
    const add = queue.add.bind(queue);
    queue.add = async () => {
      throw new Error("redis is down");
    };
    try {
      assert.equal((await balance(api, agent)).available, "0");
    } finally {
      queue.add = add;
    }
  });

  it("retries a transfer the program refused, under a new key, on the next confirm-deposit", async () => {
    // Given a transfer whose first deposit was refused (say, while the platform was paused)
    const agent = await createTestAgent(api);
    const { signature, from } = await fund(api, agent.wallet.publicKey.toBase58(), 2 * USDC);
    await api.ctx.knex.raw(
      `insert into deposit_credits (transfer_signature, transfer_index, agent_id, amount, source_token_account,
         source_owner, transfer_slot, status, error)
       values (?, 0, ?, 2000000, 'unused', ?, 0, 'failed', 'ProgramPaused')`,
      [signature, agent.id, from],
    );

    // When the agent confirms again
    const answer = await confirmDeposit(api, agent);

    // Then it is credited once, by a second intent
    assert.equal(answer.depositsFound, 1);
    assert.equal((await ledger(api, agent)).available, 1_000_000n);
    const [row] = await credits(agent.id);
    assert.equal(row.status, "credited");
    const { rows } = await api.ctx.knex.raw("select key, status from tx_intents where key like ?", [
      `deposit:${signature}%`,
    ]);
    assert.deepEqual(rows, [{ key: `deposit:${signature}:0:retry1`, status: "confirmed" }]);
    await assertVaultInvariant(api);
  });

  it("omits the action once a withdrawal address is set", async () => {
    const agent = await createTestAgent(api);
    await setWithdrawalAddress(api, agent, Keypair.generate().publicKey, `test-wa:${agent.id}`);
    await fund(api, agent.wallet.publicKey.toBase58(), 2 * USDC);

    const answer = await confirmDeposit(api, agent);

    assert.equal(answer.depositsFound, 1);
    assert.equal("action" in answer, false);
  });

  it("deposit-address is the wallet, on Solana, in USDC; every wallet route needs a key", async () => {
    const agent = await createTestAgent(api);
    const res = await api.request({ method: "GET", url: "/api/v1/wallet/deposit-address", bearer: agent.apiKey });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { address: agent.wallet.publicKey.toBase58(), network: "solana", token: "USDC" });

    for (const [method, url] of [
      ["GET", "/api/v1/wallet/balance"],
      ["GET", "/api/v1/wallet/deposit-address"],
      ["POST", "/api/v1/wallet/confirm-deposit"],
      ["GET", "/api/v1/wallet/transactions"],
    ] as const) {
      const anonymous = await api.request({ method, url });
      assert.equal(anonymous.statusCode, 401, `${method} ${url}`);
      assert.ok(typeof anonymous.json().error === "string");
    }
  });
});

describe("wallet: the seed's Quick Start through registration", () => {
  let api: TestApi;
  before(async () => {
    api = await startTestApi({ label: "quick_start" });
  });
  after(async () => {
    await api?.close();
  });

  it("register → fund the wallet → confirm-deposit activates, signed with the sealed custodial key", async () => {
    const res = await api.request({ method: "POST", url: "/api/v1/auth/register", payload: { name: "quick-start" } });
    assert.equal(res.statusCode, 201, res.body);
    const { apiKey, walletAddress, activated } = res.json();
    assert.equal(activated, false);
    const { from } = await fund(api, walletAddress, 3 * USDC);

    const confirm = await api.request({ method: "POST", url: "/api/v1/wallet/confirm-deposit", bearer: apiKey });

    assert.equal(confirm.statusCode, 200, confirm.body);
    assert.equal(confirm.json().activated, true);
    assert.equal(confirm.json().action.suggestedAddress, from);
    const bal = await api.request({ method: "GET", url: "/api/v1/wallet/balance", bearer: apiKey });
    assert.equal(bal.json().available, "2000000");
    await assertVaultInvariant(api);
  });
});
