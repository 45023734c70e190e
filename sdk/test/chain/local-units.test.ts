/** LocalChain's parts on their own: history paging, blockhash validity, clock, log records, notifications. */
import assert from "node:assert/strict";
import { ComputeBudgetProgram, Keypair, PublicKey, SystemProgram, Transaction } from "@solana/web3.js";
import { LiteSVM } from "litesvm";
import { BLOCK_MILLIS, BlockhashWindow } from "../../src/chain/local/blockhash-window.js";
import { ChainClock } from "../../src/chain/local/clock.js";
import { type CommittedTransaction, decodeEntry, encodeEntry, withoutWrites } from "../../src/chain/local/log-entry.js";
import { programAccountChanges, programLogs } from "../../src/chain/local/notifications.js";
import { PriorityFeeHistory } from "../../src/chain/local/rpc/priority-fees.js";
import { TxLog } from "../../src/chain/local/tx-log.js";

const PROGRAM = Keypair.generate().publicKey.toBase58();
const SYSTEM = "11111111111111111111111111111111";

function entry(seq: number, over: Partial<CommittedTransaction> = {}): CommittedTransaction {
  return {
    seq,
    signature: `sig${seq}`,
    slot: 100 + seq,
    blockTime: 1_700_000_000 + seq,
    err: null,
    logs: [`log ${seq}`],
    computeUnits: 150,
    fee: 5000n,
    version: "legacy",
    accountKeys: ["payer", "shared", PROGRAM],
    writable: [true, true, false],
    loaded: { writable: [], readonly: [] },
    preBalances: [10n, 0n, 1n],
    postBalances: [5n, 0n, 1n],
    wire: "",
    writes: [],
    ...over,
  };
}

describe("LocalChain parts", () => {
  describe("TxLog", () => {
    const log = new TxLog();
    for (let seq = 1; seq <= 6; seq++)
      log.add(withoutWrites(entry(seq, seq % 2 ? {} : { accountKeys: ["payer", "other"] })));
    const sigs = (page?: Parameters<TxLog["forAddress"]>[1], address = "shared") =>
      log.forAddress(address, page).map((e) => e.signature);

    it("pages an address's history newest first with before, until and limit", () => {
      assert.deepEqual(sigs(), ["sig5", "sig3", "sig1"]);
      assert.deepEqual(sigs({ limit: 1 }), ["sig5"]);
      assert.deepEqual(sigs({ before: "sig4" }), ["sig3", "sig1"], "before may name another address's transaction");
      assert.deepEqual(sigs({ until: "sig3" }), ["sig5"]);
    });

    it("answers like a node at the edges", () => {
      assert.deepEqual(sigs({ before: "unknown" }), [], "an unknown before yields nothing");
      assert.deepEqual(sigs({ until: "unknown" }), ["sig5", "sig3", "sig1"], "an unknown until is ignored");
      assert.deepEqual(sigs({ limit: 0 }), ["sig5"], "limit is at least 1");
      assert.deepEqual(sigs({}, "nobody"), []);
    });

    it("refuses a gap in the sequence", () => {
      assert.throws(() => log.add(withoutWrites(entry(8))), /sequence 8 after 6/);
    });
  });

  describe("BlockhashWindow", () => {
    it("keeps a blockhash valid for 150 blocks of 400 ms after it was issued", () => {
      let now = 1_000_000 * BLOCK_MILLIS;
      const w = new BlockhashWindow(
        BlockhashWindow.offsetFor(500, () => now),
        () => now,
      );
      assert.equal(w.height(), 500);
      w.issue("a");

      now += 150 * BLOCK_MILLIS;
      assert.equal(w.lastValidBlockHeight("a"), 650);
      assert.ok(w.isValid("a"));
      now += BLOCK_MILLIS;
      assert.ok(!w.isValid("a"));
      assert.ok(!w.isValid("never issued"));
    });

    it("expires blockhashes at once when slots are skipped", () => {
      const now = 42 * BLOCK_MILLIS;
      const w = new BlockhashWindow(0, () => now);
      w.issue("a");
      w.skip(151);
      assert.ok(!w.isValid("a"));
      assert.ok(w.isStale("a"));
    });
  });

  describe("ChainClock", () => {
    it("in wall mode follows wall time plus the warp offset, never moving back by itself", () => {
      let now = 2_000_000_000n;
      const clock = new ChainClock(new LiteSVM(), "wall", 0n, () => now);
      assert.equal(clock.unixTime(), now);

      clock.warpTo(now + 3_600n);
      now += 10n;
      assert.equal(clock.unixTime(), 2_000_003_610n, "time keeps flowing after a warp");
      clock.offset = 0n;
      assert.equal(clock.unixTime(), 2_000_003_610n, "never backwards");
    });

    it("in manual mode moves only when warped", () => {
      let now = 2_000_000_000n;
      const clock = new ChainClock(new LiteSVM(), "manual", 0n, () => now);
      clock.warpTo(1_800_000_000n);
      now += 1_000n;
      assert.equal(clock.unixTime(), 1_800_000_000n);
    });

    it("opens a new slot per transaction and gives it back when asked", () => {
      const clock = new ChainClock(new LiteSVM(), "manual", 0n);
      const start = clock.slot();
      const opened = clock.openSlot();
      assert.equal(opened.slot, start + 1);
      clock.restore(opened.previous);
      assert.equal(clock.slot(), start);
    });
  });

  describe("log records", () => {
    it("round-trip through JSON with their amounts and account images exact", () => {
      const data = Buffer.from([0, 1, 2, 255]);
      const tx = entry(1, {
        err: { InstructionError: [0, { Custom: 6001 }] },
        fee: 2n ** 60n,
        writes: [
          {
            address: "a",
            ownerBefore: PROGRAM,
            after: { lamports: 2n ** 62n, owner: PROGRAM, executable: false, data },
          },
          { address: "b", ownerBefore: PROGRAM, after: null },
        ],
      });

      const back = decodeEntry(encodeEntry(tx));

      assert.deepEqual(back, tx);
    });
  });

  describe("program notifications", () => {
    const image = (owner: string) => ({ lamports: 1n, owner, executable: false, data: Buffer.alloc(8) });
    const programId = new PublicKey(PROGRAM);

    it("report the program's new and changed accounts, closed ones as null, and accounts that left it", () => {
      const tx = entry(1, {
        writes: [
          { address: Keypair.generate().publicKey.toBase58(), ownerBefore: null, after: image(PROGRAM) },
          { address: Keypair.generate().publicKey.toBase58(), ownerBefore: PROGRAM, after: null },
          { address: Keypair.generate().publicKey.toBase58(), ownerBefore: PROGRAM, after: image(SYSTEM) },
          { address: Keypair.generate().publicKey.toBase58(), ownerBefore: SYSTEM, after: image(SYSTEM) },
        ],
      });

      const changes = programAccountChanges(tx, programId);

      assert.equal(changes.length, 3);
      assert.ok(changes[0]?.account?.owner.equals(programId));
      assert.equal(changes[1]?.account, null);
      assert.equal(changes[2]?.account?.owner.toBase58(), SYSTEM);
      assert.ok(changes.every((c) => c.slot === tx.slot && c.signature === tx.signature));
    });

    it("report nothing for a failed transaction, and logs only for transactions naming the program", () => {
      const failed = entry(1, {
        err: "InsufficientFundsForRent",
        writes: [{ address: "x", ownerBefore: PROGRAM, after: image(PROGRAM) }],
      });
      assert.deepEqual(programAccountChanges(failed, programId), []);
      assert.equal(programLogs(failed, programId)?.err, "InsufficientFundsForRent");
      assert.equal(programLogs(entry(2, { accountKeys: ["payer"] }), programId), null);
    });
  });

  describe("PriorityFeeHistory", () => {
    const payer = Keypair.generate();
    const wireAt = (microLamports: number | null) => {
      const tx = new Transaction({ feePayer: payer.publicKey, recentBlockhash: SYSTEM });
      if (microLamports !== null) tx.add(ComputeBudgetProgram.setComputeUnitPrice({ microLamports }));
      tx.add(SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: payer.publicKey, lamports: 1n }));
      tx.sign(payer);
      return tx.serialize().toString("base64");
    };

    it("answers per recent slot the price paid there by transactions writing the asked accounts", () => {
      const fees = new PriorityFeeHistory();
      fees.record(entry(1, { wire: wireAt(700) }));
      fees.record(entry(2, { wire: wireAt(null), accountKeys: ["payer", "other", PROGRAM] }));
      fees.record(entry(3, { wire: wireAt(900), writable: [true, false, false] }));

      const all = [
        { slot: 101, prioritizationFee: 700 },
        { slot: 102, prioritizationFee: 0 },
        { slot: 103, prioritizationFee: 900 },
      ];
      assert.deepEqual(fees.recent([]), all);
      assert.deepEqual(fees.recent([]), all, "the same when asked again");
      assert.deepEqual(
        fees.recent(["shared"]).map((s) => s.prioritizationFee),
        [700, 0, 0],
      );
      assert.deepEqual(
        fees.recent(["payer", PROGRAM]).map((s) => s.prioritizationFee),
        [700, 0, 900],
      );
    });

    it("remembers the last 150 slots", () => {
      const fees = new PriorityFeeHistory();
      const wire = wireAt(1);
      for (let seq = 1; seq <= 160; seq++) fees.record(entry(seq, { wire }));
      const slots = fees.recent([]).map((s) => s.slot);
      assert.deepEqual([slots.length, slots[0]], [150, 111]);
    });
  });
});
