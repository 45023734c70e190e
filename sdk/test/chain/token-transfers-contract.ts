/**
 * The contract's part for `getTokenTransfersInto`, run by `describeChainContract` on every
 * adapter: real SPL transfers (Transfer, TransferChecked, a delegate's, two in one
 * transaction, an outgoing one, a failed one) into one token account, read back with each
 * sender's owner and paged by cursor.
 */
import assert from "node:assert/strict";
import { createApproveInstruction, createTransferInstruction } from "@solana/spl-token";
import { Keypair } from "@solana/web3.js";
import type { Chain, TokenTransfer } from "../../src/chain/port.js";
import type { ChainHarness, ChainHarnessFactory } from "./contract.js";
import { ataIx, createMintIxs, mintToIx, send, sendOk, transferCheckedIx } from "./fixtures.js";

const comparable = (t: TokenTransfer) => ({
  signature: t.signature,
  index: t.index,
  amount: t.amount,
  source: t.source.toBase58(),
  sourceOwner: t.sourceOwner.toBase58(),
});

export function describeTokenTransfersContract(factory: ChainHarnessFactory): void {
  describe("token transfers into an account", () => {
    let h: ChainHarness;
    let chain: Chain;

    beforeEach(async function () {
      h = await factory();
      chain = h.chain;
      if (h.remote) this.currentTest?.timeout(120_000);
    });
    afterEach(async () => {
      await h?.close();
    });

    /** A mint, three funded holders and a recipient whose token account the tests read. */
    async function setUp() {
      const { payer } = h;
      const mint = Keypair.generate();
      const [alice, bob, carol, dave] = [
        Keypair.generate(),
        Keypair.generate(),
        Keypair.generate(),
        Keypair.generate(),
      ];
      const [a, b, c] = [alice, bob, carol].map((k) => ataIx(payer.publicKey, mint.publicKey, k.publicKey)) as [
        ReturnType<typeof ataIx>,
        ReturnType<typeof ataIx>,
        ReturnType<typeof ataIx>,
      ];
      await sendOk(chain, createMintIxs(payer.publicKey, mint.publicKey, payer.publicKey), [payer, mint]);
      await sendOk(
        chain,
        [
          a.ix,
          b.ix,
          mintToIx(mint.publicKey, a.ata, payer.publicKey, 1_000n),
          mintToIx(mint.publicKey, b.ata, payer.publicKey, 1_000n),
        ],
        [payer],
      );
      const created = await sendOk(chain, [c.ix], [payer]);
      return { payer, mint, alice, bob, carol, dave, a, b, c, created };
    }

    it("lists each transfer in, oldest first, with its sender's owner, ignoring outgoing and failed ones", async () => {
      const { payer, mint, alice, bob, carol, dave, a, b, c } = await setUp();

      const plain = await sendOk(
        chain,
        [createTransferInstruction(a.ata, c.ata, alice.publicKey, 100n)],
        [payer, alice],
      );
      const two = await sendOk(
        chain,
        [
          transferCheckedIx(b.ata, mint.publicKey, c.ata, bob.publicKey, 200n),
          createTransferInstruction(a.ata, c.ata, alice.publicKey, 300n),
        ],
        [payer, bob, alice],
      );
      await sendOk(chain, [createApproveInstruction(a.ata, dave.publicKey, alice.publicKey, 50n)], [payer, alice]);
      const delegated = await sendOk(
        chain,
        [createTransferInstruction(a.ata, c.ata, dave.publicKey, 50n)],
        [payer, dave],
      );
      await sendOk(chain, [createTransferInstruction(c.ata, a.ata, carol.publicKey, 10n)], [payer, carol]);
      const failed = await send(chain, [createTransferInstruction(b.ata, c.ata, bob.publicKey, 5_000n)], [payer, bob]);
      assert.notEqual(failed.err, null, "bob cannot send more than he holds");

      const scan = await chain.getTokenTransfersInto(c.ata);

      const from = (owner: Keypair, ata: typeof a) => ({
        source: ata.ata.toBase58(),
        sourceOwner: owner.publicKey.toBase58(),
      });
      assert.deepEqual(scan.transfers.map(comparable), [
        { signature: plain.signature, index: 0, amount: 100n, ...from(alice, a) },
        { signature: two.signature, index: 0, amount: 200n, ...from(bob, b) },
        { signature: two.signature, index: 1, amount: 300n, ...from(alice, a) },
        // Signed by the delegate, but the funds are alice's.
        { signature: delegated.signature, index: 0, amount: 50n, ...from(alice, a) },
      ]);
      assert.deepEqual(
        scan.transfers.map((t) => t.slot),
        [plain.slot, two.slot, two.slot, delegated.slot],
      );
      assert.ok(scan.transfers.every((t) => typeof t.blockTime === "number"));
      assert.equal(scan.cursor, failed.signature, "the cursor is the newest transaction examined");
      assert.equal(scan.more, false);
      assert.deepEqual(await chain.getTokenTransfersInto(c.ata, { until: scan.cursor }), {
        transfers: [],
        cursor: undefined,
        more: false,
      });
    });

    it("examines at most `limit` transactions, oldest first, so following the cursor misses none", async () => {
      const { payer, alice, a, c, created } = await setUp();
      const sent = [];
      for (const amount of [1n, 2n, 3n]) {
        sent.push(
          await sendOk(chain, [createTransferInstruction(a.ata, c.ata, alice.publicKey, amount)], [payer, alice]),
        );
      }

      const first = await chain.getTokenTransfersInto(c.ata, { limit: 2 });
      const second = await chain.getTokenTransfersInto(c.ata, { until: first.cursor, limit: 2 });

      // The account's creation is the oldest transaction naming it; it moved no tokens.
      assert.deepEqual(
        first.transfers.map((t) => t.amount),
        [1n],
      );
      assert.equal(first.cursor, sent[0]!.signature);
      assert.equal(first.more, true);
      assert.notEqual(first.cursor, created.signature);
      assert.deepEqual(
        second.transfers.map((t) => t.amount),
        [2n, 3n],
      );
      assert.equal(second.cursor, sent[2]!.signature);
      assert.equal(second.more, false);
    });

    it("finds nothing for an account nobody ever sent to", async () => {
      assert.deepEqual(await chain.getTokenTransfersInto(Keypair.generate().publicKey), {
        transfers: [],
        cursor: undefined,
        more: false,
      });
    });
  });
}
