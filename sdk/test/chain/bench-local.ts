/**
 * LocalChain throughput and restart numbers. Not a test: run `npx tsx sdk/test/chain/bench-local.ts`
 * (BENCH_TXS sets the number of transfers, default 2000).
 *   - transfers/s with signatures made up front (the chain's own cost: decode, execute, log + fsync);
 *   - transfers/s including web3.js signing (what a sequential caller sees);
 *   - open time after a clean close, and after a crash with up to `snapshotEvery` entries to replay.
 */
import { cp, rm } from "node:fs/promises";
import { Keypair, type PublicKey, type Transaction } from "@solana/web3.js";
import type { LocalChain } from "../../src/chain/local/index.js";
import { signed, transferIx } from "./fixtures.js";
import { openLocal, tempDir } from "./local-harness.js";

const N = Number(process.env.BENCH_TXS ?? 2000);
const CHUNK = 250;

const transfer = (chain: LocalChain, to: PublicKey, i: number): Promise<Transaction> =>
  signed(chain, [transferIx(chain.feePayer.publicKey, to, 1_000 + i)], [chain.feePayer]);

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await f();
  return [r, performance.now() - t];
}

const rate = (count: number, ms: number) => `${((count / ms) * 1000).toFixed(0)} tx/s`;

async function main() {
  const dir = await tempDir();
  const [chain, createMs] = await timed(() => openLocal({ dataDir: dir, clock: "wall" }));
  console.log(`first open (genesis): ${createMs.toFixed(0)} ms`);

  const to = Keypair.generate().publicKey;
  // Signed in chunks so no blockhash outlives its validity while the rest are being signed.
  let sendMs = 0;
  for (let done = 0; done < N; done += CHUNK) {
    const txs = await Promise.all(
      Array.from({ length: Math.min(CHUNK, N - done) }, (_, i) => transfer(chain, to, done + i)),
    );
    sendMs += (await timed(() => Promise.all(txs.map((tx) => chain.sendTransaction(tx)))))[1];
  }
  console.log(`presigned transfers, concurrent, fsync per transaction: ${rate(N, sendMs)}`);

  const sequential = Math.ceil(N / 4);
  const [, signMs] = await timed(async () => {
    for (let i = 0; i < sequential; i++) await chain.sendTransaction(await transfer(chain, to, N + i));
  });
  console.log(`sign + send, sequential: ${rate(sequential, signMs)}`);

  // 99 more, so the crash image below has the most a default chain can have to replay.
  await Promise.all(
    (await Promise.all(Array.from({ length: 99 }, (_, i) => transfer(chain, to, 2 * N + i)))).map((tx) =>
      chain.sendTransaction(tx),
    ),
  );
  const crash = await tempDir();
  await cp(dir, crash, { recursive: true });
  const total = chain.transactionCount;
  await chain.close();
  const [reopened, reopenMs] = await timed(() => openLocal({ dataDir: dir }));
  console.log(`reopen after close (${total} logged transactions): ${reopenMs.toFixed(0)} ms`);
  await reopened.close();
  const [recovered, recoverMs] = await timed(() => openLocal({ dataDir: crash }));
  const { replayed } = recovered.openReport;
  console.log(`reopen after crash: ${recoverMs.toFixed(0)} ms, ${replayed} entries replayed`);
  await recovered.close();
  await rm(dir, { recursive: true, force: true });
  await rm(crash, { recursive: true, force: true });
}

void main();
