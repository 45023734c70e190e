/**
 * CPU that LocalChain spends per transaction. Not a test: run
 * `npx tsx sdk/test/chain/bench-tx-cpu.ts` (BENCH_TXS sets the transactions per kind, default 2000).
 *
 * Each kind is sent as web3.js transactions and as their wire bytes (what a caller holding the
 * bytes hands over). Transactions are signed (and serialized, for the bytes) before the clock
 * starts, so only the chain's own work is counted:
 * decoding, checks, execution, account images, the log entry, notifications, and the RPC
 * server's priority-fee recorder (attached as `serveChainRpc` attaches it). The log is not
 * fsynced: waiting for the disk is not CPU, and it would dominate the wall time.
 */
import { ComputeBudgetProgram, Keypair, type Transaction } from "@solana/web3.js";
import type { LocalChain } from "../../src/chain/local/index.js";
import { PriorityFeeHistory } from "../../src/chain/local/rpc/priority-fees.js";
import type { SignedTransaction } from "../../src/chain/port.js";
import { registerAgentIx, signed, transferIx } from "./fixtures.js";
import { openLocal, tempDir } from "./local-harness.js";

const N = Number(process.env.BENCH_TXS ?? 2000);
const WARMUP = 200;
/** Signed together with one blockhash, which must stay valid until the chunk is sent. */
const CHUNK = 250;

type Build = (chain: LocalChain, i: number) => Promise<Transaction>;
type Form = (tx: Transaction) => SignedTransaction;

const FORMS: [string, Form][] = [
  ["web3.js Transaction", (tx) => tx],
  ["wire bytes", (tx) => tx.serialize()],
];

const transfer: Build = (chain, i) => {
  const ixs = [
    ComputeBudgetProgram.setComputeUnitLimit({ units: 10_000 }),
    ComputeBudgetProgram.setComputeUnitPrice({ microLamports: 1_000 + i }),
    transferIx(chain.feePayer.publicKey, Keypair.generate().publicKey, 1_000_000),
  ];
  return signed(chain, ixs, [chain.feePayer]);
};

const registerAgent: Build = async (chain) => {
  const wallet = Keypair.generate();
  const { ix } = await registerAgentIx(chain.programId, chain.feePayer.publicKey, wallet.publicKey);
  return signed(chain, [ix], [chain.feePayer, wallet]);
};

/** CPU microseconds (user + system) per transaction, and wall microseconds per transaction. */
async function measure(
  chain: LocalChain,
  build: Build,
  form: Form,
  count: number,
): Promise<{ cpu: number; wall: number }> {
  let cpuMicros = 0;
  let wallMs = 0;
  for (let done = 0; done < count; done += CHUNK) {
    const built = Array.from({ length: Math.min(CHUNK, count - done) }, (_, i) => build(chain, done + i));
    const txs = (await Promise.all(built)).map(form);
    const cpu = process.cpuUsage();
    const wall = performance.now();
    const outcomes = await Promise.all(txs.map((tx) => chain.sendTransaction(tx)));
    await chain.notificationsDelivered();
    wallMs += performance.now() - wall;
    const used = process.cpuUsage(cpu);
    cpuMicros += used.user + used.system;
    const failed = outcomes.find((o) => o.err);
    if (failed) throw new Error(`a benchmark transaction failed: ${failed.err}\n${failed.logs.join("\n")}`);
  }
  return { cpu: cpuMicros / count, wall: (wallMs * 1000) / count };
}

async function main() {
  const chain = await openLocal({ dataDir: await tempDir(), clock: "wall", durable: false, snapshotEvery: 1e9 });
  const fees = new PriorityFeeHistory();
  chain.onTransaction((tx) => fees.record(tx));
  for (const [name, build] of [
    ["SOL transfer + compute budget (legacy, 1 signature)", transfer],
    ["register_agent (escrow program, 2 signatures)", registerAgent],
  ] as const) {
    for (const [formName, form] of FORMS) {
      await measure(chain, build, form, WARMUP);
      const { cpu, wall } = await measure(chain, build, form, N);
      console.log(`${name}, as ${formName}: ${cpu.toFixed(0)} µs CPU/tx, ${wall.toFixed(0)} µs wall/tx`);
    }
  }
  await chain.close();
}

void main();
