/**
 * The relinked programs must load and run on the real loaders: litesvm 1.5
 * (agave 4.x, solana-sbpf) and solana-bankrun 0.4 (agave 1.18, solana_rbpf).
 * golden.so is the committed file (golden.test.ts checks relink() reproduces it).
 */
import assert from "node:assert/strict";
import * as kit from "@solana/kit";
import { Keypair, PublicKey, Transaction, TransactionInstruction } from "@solana/web3.js";
import { FailedTransactionMetadata, LiteSVM } from "litesvm";
import { start } from "solana-bankrun";
import { relink } from "../../src/relink";
import { fixture } from "./helpers.js";

interface RunResult {
  readonly ok: boolean;
  readonly logs: readonly string[];
  readonly error?: string;
}

/** One program deployed in a fresh LiteSVM, invoked with no accounts. */
class LiteSvmProgram {
  private constructor(
    private readonly svm: LiteSVM,
    private readonly program: kit.Address,
    private readonly payer: kit.KeyPairSigner,
  ) {}

  static async deploy(so: Uint8Array): Promise<LiteSvmProgram> {
    const svm = new LiteSVM();
    const program = (await kit.generateKeyPairSigner()).address;
    svm.addProgram(program, so);
    const payer = await kit.generateKeyPairSigner();
    svm.airdrop(payer.address, kit.lamports(1_000_000_000n));
    return new LiteSvmProgram(svm, program, payer);
  }

  async invoke(data: readonly number[]): Promise<RunResult> {
    this.svm.expireBlockhash(); // distinct signatures for identical transactions
    const message = kit.pipe(
      kit.createTransactionMessage({ version: 0 }),
      (m) => kit.setTransactionMessageFeePayerSigner(this.payer, m),
      (m) => this.svm.setTransactionMessageLifetimeUsingLatestBlockhash(m),
      (m) =>
        kit.appendTransactionMessageInstruction(
          { programAddress: this.program, accounts: [], data: new Uint8Array(data) },
          m,
        ),
    );
    const result = this.svm.sendTransaction(await kit.signTransactionMessageWithSigners(message));
    if (result instanceof FailedTransactionMetadata) {
      return { ok: false, logs: result.meta().logs(), error: result.err().toString() };
    }
    return { ok: true, logs: result.logs() };
  }
}

const programLogs = (logs: readonly string[]) => logs.filter((l) => l.startsWith("Program log: "));

/** Expected `Program log:` lines of golden.so for a given instruction. */
function goldenLogs(selector: 0 | 1, dataLen: number): string[] {
  const side = selector === 0 ? "A" : "B";
  const tripled = selector * 3 + 1;
  return [
    "Program log: golden: hello",
    `Program log: golden: name ${side}`,
    `Program log: golden: handler ${side}`,
    `Program log: 0x${selector.toString(16)}, 0x${tripled.toString(16)}, 0x${(tripled ^ 0x55).toString(16)}, 0x${dataLen.toString(16)}, 0xcafe`,
  ];
}

describe("relink: golden.so runs on litesvm (agave 4.x loader)", () => {
  let program: LiteSvmProgram;
  before(async () => {
    program = await LiteSvmProgram.deploy(fixture("golden.so"));
  });

  it("logs through sol_log_, rodata pointers, an indirect call and internal calls, and returns 0", async () => {
    const result = await program.invoke([0]);
    assert.ok(result.ok, `${result.error}\n${result.logs.join("\n")}`);
    assert.deepEqual(programLogs(result.logs), goldenLogs(0, 1));
  });

  it("takes the other table entries for selector 1", async () => {
    const result = await program.invoke([1, 7]);
    assert.ok(result.ok, `${result.error}\n${result.logs.join("\n")}`);
    assert.deepEqual(programLogs(result.logs), goldenLogs(1, 2));
  });

  it("handles empty instruction data", async () => {
    const result = await program.invoke([]);
    assert.ok(result.ok, `${result.error}\n${result.logs.join("\n")}`);
    assert.deepEqual(programLogs(result.logs), goldenLogs(0, 0));
  });

  it("fails the transaction through abort when asked to trap (llvm.trap -> __bpf_trap -> abort)", async () => {
    const result = await program.invoke([0xff]);
    assert.equal(result.ok, false);
    assert.deepEqual(programLogs(result.logs), [], "traps before logging anything");
    assert.ok(
      result.logs.some((l) => l.endsWith("failed: SBF program panicked")),
      result.logs.join("\n"),
    );
  });
});

describe("relink: minimal.so (no syscalls, no rodata) runs on litesvm", () => {
  it("returns 0 for empty data and a custom error otherwise", async () => {
    const program = await LiteSvmProgram.deploy(relink(fixture("minimal.o")).so);
    const ok = await program.invoke([]);
    assert.ok(ok.ok, ok.logs.join("\n"));
    const err = await program.invoke([1, 2]);
    assert.equal(err.ok, false);
    assert.ok(
      err.logs.some((l) => l.endsWith("failed: custom program error: 0x4")),
      err.logs.join("\n"),
    );
  });
});

describe("relink: golden.so runs on solana-bankrun (agave 1.18 loader)", () => {
  const BPF_LOADER_2 = new PublicKey("BPFLoader2111111111111111111111111111111111");

  it("logs the same lines and traps on request", async () => {
    const programId = Keypair.generate().publicKey;
    const program = { lamports: 1_000_000_000, data: fixture("golden.so"), owner: BPF_LOADER_2, executable: true };
    // bankrun logs every instruction at debug level unless RUST_LOG says otherwise (read at start).
    const rustLog = process.env.RUST_LOG;
    process.env.RUST_LOG = rustLog ?? "error";
    const context = await start([], [{ address: programId, info: program }]).finally(() => {
      if (rustLog === undefined) delete process.env.RUST_LOG;
    });
    const invoke = async (data: number[]) => {
      const tx = new Transaction().add(new TransactionInstruction({ programId, keys: [], data: Buffer.from(data) }));
      tx.recentBlockhash = context.lastBlockhash;
      tx.feePayer = context.payer.publicKey;
      tx.sign(context.payer);
      return context.banksClient.tryProcessTransaction(tx);
    };

    const ok = await invoke([1]);
    assert.equal(ok.result, null, ok.meta?.logMessages.join("\n"));
    assert.deepEqual(programLogs(ok.meta?.logMessages ?? []), goldenLogs(1, 1));

    const trap = await invoke([0xff]);
    assert.ok(trap.result, "the trap path fails the transaction");
    assert.ok(trap.meta?.logMessages.some((l) => l.endsWith("failed: SBF program panicked")));
  });
});
