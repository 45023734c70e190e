import assert from "node:assert/strict";
import { ComputeBudgetProgram, Keypair } from "@solana/web3.js";
import { BlockhashExpiredError, TransactionRejectedError } from "../../src/chain/errors.js";
import { heliusRpcUrl } from "../../src/chain/rpc/index.js";
import { transactionSignature } from "../../src/chain/wire.js";
import { describeChainContract } from "./contract.js";
import { bogusProgramIx, lamportsOf, registerAgentIx, sendOk, signed, transferIx, waitFor } from "./fixtures.js";
import { remoteHarness, remoteRpcUrl, type StandInHarness, standInHarness } from "./rpc-harness.js";

describeChainContract(
  remoteRpcUrl() ? `RpcChain @ ${remoteRpcUrl()}` : "RpcChain via the local RPC stand-in",
  remoteRpcUrl() ? remoteHarness : () => standInHarness(),
);

describe("RpcChain against the stand-in's faults", () => {
  let h: StandInHarness;
  afterEach(async () => {
    await h?.close();
  });

  it("re-broadcasts a transaction the node dropped until it lands, and it lands once", async () => {
    h = await standInHarness();
    const to = Keypair.generate().publicKey;
    const tx = await signed(h.chain, [transferIx(h.payer.publicKey, to, 1_000_000n)], [h.payer]);
    h.standin.dropSends(2);

    const outcome = await h.chain.sendTransaction(tx);

    assert.equal(outcome.err, null);
    assert.ok(h.standin.sendsOf(outcome.signature) >= 3, `sent ${h.standin.sendsOf(outcome.signature)} times`);
    assert.equal(await lamportsOf(h.chain, to), 1_000_000n);
    assert.equal((await h.chain.getSignaturesForAddress(to)).length, 1);
  });

  it("gives up with BlockhashExpiredError once the block height passes the blockhash's last valid height", async () => {
    h = await standInHarness();
    const to = Keypair.generate().publicKey;
    const tx = await signed(h.chain, [transferIx(h.payer.publicKey, to, 1_000_000n)], [h.payer]);
    h.standin.dropSends(Number.MAX_SAFE_INTEGER);

    const sending = h.chain.sendTransaction(tx);
    sending.catch(() => undefined); // asserted below, once the slots are skipped
    await waitFor(() => h.standin.sendsOf(transactionSignature(tx)) >= 2, "a re-broadcast");
    await h.local.skipSlots(151);

    await assert.rejects(
      sending,
      (e: unknown) => e instanceof BlockhashExpiredError && e.signature === transactionSignature(tx),
    );
    assert.equal(await h.chain.getSignatureStatus(transactionSignature(tx)), null);
    assert.equal(await h.chain.getAccount(to), null);
  });

  it("with preflight, rejects a failing transaction before it lands, with the program's code and logs", async () => {
    h = await standInHarness({ preflight: true });
    const before = h.local.transactionCount;
    const tx = await signed(h.chain, [bogusProgramIx(h.chain.programId)], [h.payer]);

    const error = await h.chain.sendTransaction(tx).then(
      () => assert.fail("expected a rejection"),
      (e: unknown) => e,
    );

    assert.ok(error instanceof TransactionRejectedError);
    assert.ok(error.errorCode !== undefined && error.errorCode >= 6000);
    assert.ok(error.logs.some((l) => l.includes("custom program error")));
    assert.equal(h.local.transactionCount, before, "nothing landed");
    assert.equal(await h.chain.getSignatureStatus(transactionSignature(tx)), null);
  });

  it("re-subscribes after the WebSocket drops, tells the listener, and streams again", async function () {
    this.timeout(60_000); // web3.js waits a second before reconnecting
    h = await standInHarness();
    let resubscribed = 0;
    const agents: string[] = [];
    const stop = h.chain.subscribe({
      onAccountChange: (c) => agents.push(c.address.toBase58()),
      onResubscribed: () => resubscribed++,
    });
    await h.chain.subscriptionsReady();

    h.standin.dropWebSockets();
    await waitFor(() => resubscribed === 1, "re-subscription");
    const wallet = Keypair.generate();
    const { ix, agent } = await registerAgentIx(h.chain.programId, h.payer.publicKey, wallet.publicKey);
    await sendOk(h.chain, [ix], [h.payer, wallet]);

    await waitFor(() => agents.includes(agent.toBase58()), "the change after reconnecting");
    stop();
  });

  it("makes a second subscriber live too, though web3.js shares the node subscription", async () => {
    h = await standInHarness();
    const first: string[] = [];
    const second: string[] = [];
    const stopFirst = h.chain.subscribe({ onLogs: (l) => first.push(l.signature) });
    await h.chain.subscriptionsReady();
    const stopSecond = h.chain.subscribe({ onLogs: (l) => second.push(l.signature) });
    await h.chain.subscriptionsReady();

    const wallet = Keypair.generate();
    const { ix } = await registerAgentIx(h.chain.programId, h.payer.publicKey, wallet.publicKey);
    const { signature } = await sendOk(h.chain, [ix], [h.payer, wallet]);

    await waitFor(() => first.includes(signature) && second.includes(signature), "both subscribers");
    stopFirst();
    stopSecond();
  });

  it("prices compute units from recent prioritization fees on the written accounts", async () => {
    h = await standInHarness();
    const hot = Keypair.generate().publicKey;
    for (const price of [1_000, 2_000, 3_000, 4_000]) {
      await sendOk(
        h.chain,
        [
          ComputeBudgetProgram.setComputeUnitPrice({ microLamports: price }),
          transferIx(h.payer.publicKey, hot, 1_000_000),
        ],
        [h.payer],
      );
    }
    await sendOk(h.chain, [transferIx(h.payer.publicKey, Keypair.generate().publicKey, 1_000_000)], [h.payer]);

    assert.equal(await h.chain.computeUnitPrice([hot], { percentile: 50 }), 2_000);
    assert.equal(await h.chain.computeUnitPrice([hot], { percentile: 100 }), 4_000);
    assert.equal(await h.chain.computeUnitPrice([hot], { percentile: 100, capMicroLamports: 2_500 }), 2_500);
    const ix = await h.chain.priorityFeeInstruction([hot], { percentile: 75 });
    assert.deepEqual(ix, ComputeBudgetProgram.setComputeUnitPrice({ microLamports: 3_000 }));
  });

  it("asks Helius for the priority fee when a Helius key is configured", async () => {
    const local = await standInHarness();
    h = local;
    const helius = await standInHarness(
      { helius: { apiKey: "test-key", baseUrl: local.standin.url } },
      { heliusPriorityFee: 7_777 },
    );
    try {
      // Helius is consulted through helius-sdk at its baseUrl: the first harness's stand-in.
      local.standin.state.heliusPriorityFee = 7_777;
      assert.equal(await helius.chain.computeUnitPrice([Keypair.generate().publicKey]), 7_777);
      assert.equal(local.standin.calls.get("getPriorityFeeEstimate"), 1);
    } finally {
      await helius.close();
    }
  });

  it("builds the Helius RPC URL the way helius-sdk does", () => {
    assert.equal(heliusRpcUrl({ apiKey: "k" }), "https://mainnet.helius-rpc.com/?api-key=k");
    assert.equal(heliusRpcUrl({ apiKey: "k", network: "devnet" }), "https://devnet.helius-rpc.com/?api-key=k");
  });
});
