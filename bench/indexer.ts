/**
 * `npm run bench:indexer`: the indexer's two numbers, written to bench/results/indexer.json as
 *   {"catchupUpdatesPerSec": n, "lagP50Ms": n, "lagP99Ms": n}.
 *
 * - Catch-up: a backlog of account changes (and the transactions that made them, with one
 *   event each), as a reconnecting indexer receives them, is pushed through the real
 *   processor into a fresh Postgres schema; throughput is account updates committed per second.
 * - Live lag: the indexer follows a LocalChain while transactions land one after another; lag
 *   is from the transaction being confirmed (`sendTransaction` resolved) to its rows being
 *   committed (`waitForSlot` resolved). Submit-to-row time is printed as well.
 *
 * Sizes: BENCH_ACCOUNTS (default 20 000) accounts × BENCH_ROUNDS (default 5) updates each;
 * BENCH_LAG_TXS (default 500) live transactions.
 */

import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { SourceItem } from "@justpay/indexer";
import {
  AccountDecoder,
  EventDecoder,
  Indexer,
  IndexerMetrics,
  MirrorStore,
  Processor,
  schemaCoverage,
} from "@justpay/indexer";
import {
  agentFields,
  availableOperations,
  encodeAccount,
  freshDatabase,
  LocalPlatform,
  programLogs,
  Rng,
  randomOperation,
} from "@justpay/indexer/testing";
import { IDL } from "@justpay/sdk";
import { PublicKey } from "@solana/web3.js";
import BN from "bn.js";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const LAG_TXS = Number(process.env.BENCH_LAG_TXS ?? 500);
const ACCOUNTS_PER_TX = 3;
const quiet = { info: () => {}, warn: () => {}, error: (f: object, m: string) => console.error(m, f) };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

const randomKey = () => new PublicKey(randomBytes(32));

/**
 * ROUNDS waves over ACCOUNTS agents, in slot order, each agent with keys of its own; every
 * ACCOUNTS_PER_TX changes share a transaction, which logs one `Deposited` event.
 */
async function backlog(programId: PublicKey): Promise<SourceItem[]> {
  const agents = Array.from({ length: ACCOUNTS }, () => ({
    pubkey: randomKey().toBase58(),
    fields: agentFields({ wallet: randomKey(), emergency_address: randomKey(), withdrawal_address: randomKey() }),
  }));
  const items: SourceItem[] = [];
  let slot = 1;
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, agent] of agents.entries()) {
      const available = new BN(round * 1_000_000 + i);
      const data = await encodeAccount("Agent", { ...agent.fields, available });
      items.push({ kind: "account", pubkey: agent.pubkey, slot, data, receivedAt: 0 });
      if ((i + 1) % ACCOUNTS_PER_TX !== 0) continue;
      const deposited = {
        wallet: agent.fields.wallet,
        source_owner: agent.fields.emergency_address,
        emergency_address: agent.fields.emergency_address,
        amount: new BN(1_000_000),
        activation_fee: new BN(0),
        available,
      };
      const logs = programLogs(programId, [{ name: "Deposited", data: deposited }]);
      items.push({
        kind: "transaction",
        signature: `bench-${slot}`,
        slot,
        err: null,
        logs,
        blockTime: null,
        receivedAt: 0,
      });
      slot++;
    }
  }
  return items;
}

async function catchUp(): Promise<number> {
  const t = await freshDatabase("bench_catchup");
  try {
    const programId = randomKey();
    const items = await backlog(programId);
    const knex = t.db.em.getConnection().getKnex();
    const accounts = new AccountDecoder(IDL);
    const coverage = await schemaCoverage(knex, t.schema, accounts.specs);
    const metrics = new IndexerMetrics();
    const processor = new Processor({
      store: new MirrorStore(knex, t.schema, coverage.mirrored),
      context: {
        accounts,
        events: new EventDecoder(IDL, programId),
        mirrored: new Set(coverage.mirrored.map((s) => s.name)),
        source: "bench",
      },
      metrics,
      logger: quiet,
    });
    const started = performance.now();
    for (const item of items) item.receivedAt = started;
    await processor.pushMany(items);
    await processor.drain();
    const seconds = (performance.now() - started) / 1000;
    const updates = metrics.counters.accountUpdates;
    if (updates !== ACCOUNTS * ROUNDS) throw new Error(`expected ${ACCOUNTS * ROUNDS} updates, committed ${updates}`);
    console.log(
      `catch-up: ${updates} account updates + ${metrics.counters.events} events in ${seconds.toFixed(2)} s ` +
        `(${metrics.counters.batches} batches)`,
    );
    return updates / seconds;
  } finally {
    await t.drop();
  }
}

async function liveLag(): Promise<{ p50: number; p99: number; submitP50: number; submitP99: number }> {
  const p = await LocalPlatform.open();
  const t = await freshDatabase("bench_lag");
  const indexer = await Indexer.start({ chain: p.chain, db: t.db, logger: quiet });
  try {
    await indexer.waitForSlot((await p.initialize()).slot);
    const rng = new Rng(42);
    const programOps = availableOperations().filter((o) => o.instruction !== null);
    const lags: number[] = [];
    const submits: number[] = [];
    while (lags.length < LAG_TXS) {
      // The operation's helper transactions (mints) land first; time the program transaction itself.
      const submitted = performance.now();
      const done = await randomOperation(p, rng, programOps);
      if (!done) throw new Error("no operation applies");
      const confirmed = performance.now();
      await indexer.waitForSlot(done.outcome.slot, 60_000);
      const committed = performance.now();
      lags.push(committed - confirmed);
      submits.push(committed - submitted);
    }
    lags.sort((a, b) => a - b);
    submits.sort((a, b) => a - b);
    const r = {
      p50: percentile(lags, 50),
      p99: percentile(lags, 99),
      submitP50: percentile(submits, 50),
      submitP99: percentile(submits, 99),
    };
    console.log(
      `live lag over ${lags.length} transactions: confirmed → committed p50 ${r.p50.toFixed(2)} ms, ` +
        `p99 ${r.p99.toFixed(2)} ms, max ${lags.at(-1)?.toFixed(2)} ms; ` +
        `operation start → committed p50 ${r.submitP50.toFixed(2)} ms, p99 ${r.submitP99.toFixed(2)} ms`,
    );
    return r;
  } finally {
    await indexer.stop();
    await t.drop();
    await p.close();
  }
}

async function main(): Promise<void> {
  const catchupUpdatesPerSec = Math.round(await catchUp());
  console.log(`catch-up throughput: ${catchupUpdatesPerSec} account updates/s (target ≥ 5 000)`);
  const lag = await liveLag();
  const result = {
    catchupUpdatesPerSec,
    lagP50Ms: Number(lag.p50.toFixed(2)),
    lagP99Ms: Number(lag.p99.toFixed(2)),
  };
  console.log(`live lag p50 ${result.lagP50Ms} ms, p99 ${result.lagP99Ms} ms (target p99 < 50 ms)`);
  const out = resolve(__dirname, "results/indexer.json");
  mkdirSync(resolve(__dirname, "results"), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result)}\n`);
  console.log(`wrote ${out}`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
