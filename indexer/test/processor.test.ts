import { strict as assert } from "node:assert";
import { IDL } from "@justpay/sdk";
import { Keypair } from "@solana/web3.js";
import BN from "bn.js";
import { AccountDecoder } from "../src/decode/account-decoder.js";
import { EventDecoder } from "../src/decode/event-decoder.js";
import { IndexerMetrics } from "../src/metrics/indexer-metrics.js";
import { renderPrometheus } from "../src/metrics/prometheus.js";
import type { AccountItem, TransactionItem } from "../src/pipeline/items.js";
import { Processor } from "../src/pipeline/processor.js";
import { MirrorStore } from "../src/store/mirror-store.js";
import { schemaCoverage } from "../src/store/schema-coverage.js";
import { freshDatabase, rows, type TestDatabase } from "./support/db.js";
import { agentFields, encodeAccount, programLogs } from "./support/encode.js";

const PROGRAM_ID = Keypair.generate().publicKey;
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

const account = (pubkey: string, slot: number, data: Buffer | null): AccountItem => ({
  kind: "account",
  pubkey,
  slot,
  data,
  receivedAt: performance.now(),
});

const transaction = (signature: string, slot: number, logs: string[], err: string | null = null): TransactionItem => ({
  kind: "transaction",
  signature,
  slot,
  err,
  logs,
  blockTime: null,
  receivedAt: performance.now(),
});

describe("indexer: processor (Postgres)", () => {
  let t: TestDatabase;
  let metrics: IndexerMetrics;
  let processor: Processor;
  let store: MirrorStore;
  const committed: number[] = [];

  beforeEach(async () => {
    t = await freshDatabase("processor");
    const knex = t.db.em.getConnection().getKnex();
    const accounts = new AccountDecoder(IDL);
    const coverage = await schemaCoverage(knex, t.schema, accounts.specs);
    metrics = new IndexerMetrics();
    store = new MirrorStore(knex, t.schema, coverage.mirrored);
    processor = new Processor({
      store,
      context: {
        accounts,
        events: new EventDecoder(IDL, PROGRAM_ID),
        mirrored: new Set(coverage.mirrored.map((s) => s.name)),
        source: "test",
      },
      metrics,
      logger: quiet,
      maxBatch: 100,
      onCommitted: (slot) => committed.push(slot),
    });
  });
  afterEach(async () => t.drop());

  it("writes the newest state of each account from a burst, in batches, and checkpoints the last transaction", async () => {
    // Given 50 agents each updated 10 times, across slots 1..10
    const keys = Array.from({ length: 50 }, () => Keypair.generate().publicKey.toBase58());
    const wallets = keys.map(() => Keypair.generate().publicKey);
    for (let slot = 1; slot <= 10; slot++) {
      for (const [i, key] of keys.entries()) {
        const data = await encodeAccount(
          "Agent",
          agentFields({ wallet: wallets[i], available: new BN(slot * 1000 + i) }),
        );
        processor.push(account(key, slot, data));
      }
      processor.push(transaction(`sig${slot}`, slot, programLogs(PROGRAM_ID, [])));
    }
    // When the processor drains
    await processor.drain();
    // Then each row holds the slot-10 state
    const agents = await rows(t.db, t.schema, "chain_agent");
    assert.equal(agents.length, 50);
    for (const row of agents) {
      const i = keys.indexOf(String(row.pubkey));
      assert.equal(row.slot, "10");
      assert.equal(row.available, String(10_000 + i));
      assert.equal(row.wallet, wallets[i]?.toBase58());
    }
    assert.ok(metrics.counters.batches >= 5, "510 items in batches of at most 100");
    assert.equal(committed.at(-1), 10);
    assert.deepEqual(await store.loadCheckpoint("test"), { source: "test", slot: 10, signature: "sig10" });
  });

  it("records the events of successful transactions only", async () => {
    const admin = Keypair.generate().publicKey;
    const initialized = {
      admin,
      operator: admin,
      arbiter: admin,
      usdc_mint: admin,
      vault: admin,
      treasury: admin,
      fee_bps: 300,
    };
    processor.push(transaction("ok", 3, programLogs(PROGRAM_ID, [{ name: "ConfigInitialized", data: initialized }])));
    processor.push(
      transaction(
        "failed",
        4,
        programLogs(PROGRAM_ID, [{ name: "ConfigInitialized", data: initialized }]),
        "custom program error: 0x1770",
      ),
    );
    await processor.drain();
    const events = await rows(t.db, t.schema, "events", "signature");
    assert.deepEqual(
      events.map((e) => [e.signature, e.event_index, e.name, e.data, e.mentions]),
      [
        [
          "ok",
          0,
          "ConfigInitialized",
          {
            ...initialized,
            admin: admin.toBase58(),
            operator: admin.toBase58(),
            arbiter: admin.toBase58(),
            usdc_mint: admin.toBase58(),
            vault: admin.toBase58(),
            treasury: admin.toBase58(),
          },
          [admin.toBase58()],
        ],
      ],
    );
    assert.equal(metrics.counters.failedTransactions, 1);
  });

  it("counts and skips accounts with unknown discriminators without stopping", async () => {
    const good = Keypair.generate().publicKey.toBase58();
    processor.push(account(Keypair.generate().publicKey.toBase58(), 1, Buffer.alloc(64, 9)));
    processor.push(account(Keypair.generate().publicKey.toBase58(), 1, Buffer.alloc(64, 9)));
    processor.push(account(good, 2, await encodeAccount("Agent", agentFields())));
    await processor.drain();
    assert.equal((await rows(t.db, t.schema, "chain_agent")).length, 1);
    assert.equal(metrics.counters.unknownAccounts, 2);
    assert.deepEqual(metrics.snapshot().unknownDiscriminators, { "0909090909090909": 2 });
    assert.match(
      await renderPrometheus(metrics.snapshot()),
      /justpay_indexer_unknown_discriminator_total\{discriminator="0909090909090909"\} 2/,
    );
  });

  it("skips logs it cannot parse, counts them, and keeps writing", async () => {
    processor.push(transaction("garbled", 5, ["Program log: no invoke frame first"]));
    processor.push(account(Keypair.generate().publicKey.toBase58(), 6, await encodeAccount("Agent", agentFields())));
    await processor.drain();
    assert.equal(metrics.counters.decodeErrors, 1);
    assert.equal((await rows(t.db, t.schema, "chain_agent")).length, 1);
    assert.deepEqual(await store.loadCheckpoint("test"), { source: "test", slot: 6, signature: "garbled" });
  });

  it("closes an account whose last change in the batch is a removal", async () => {
    const key = Keypair.generate().publicKey.toBase58();
    processor.push(account(key, 1, await encodeAccount("Agent", agentFields())));
    await processor.drain();
    processor.push(account(key, 2, await encodeAccount("Agent", agentFields())));
    processor.push(account(key, 3, null));
    await processor.drain();
    const [row] = await rows(t.db, t.schema, "chain_agent");
    assert.equal(row?.slot, "3");
    assert.ok(row?.closed_at);
    assert.equal(metrics.counters.accountCloses, 1);
  });

  it("exposes lag and throughput as an object and as Prometheus text", async () => {
    processor.push(account(Keypair.generate().publicKey.toBase58(), 7, await encodeAccount("Agent", agentFields())));
    await processor.drain();
    const s = metrics.snapshot();
    assert.equal(s.queueDepth, 0);
    assert.equal(s.timeLagMs, 0);
    assert.equal(s.counters.accountUpdates, 1);
    assert.ok(s.accountUpdatesPerSec > 0);
    assert.ok(s.commitLatencyP99Ms >= s.commitLatencyP50Ms);
    const text = await renderPrometheus(s);
    assert.match(text, /^justpay_indexer_chain_slot 7$/m);
    assert.match(text, /^justpay_indexer_account_updates_total 1$/m);
    assert.match(text, /^# TYPE justpay_indexer_slot_lag gauge$/m);
    // The cheap status agrees with the full snapshot on liveness, slot and lag
    const { live, indexedSlot, timeLagMs } = metrics.status();
    assert.deepEqual({ live, indexedSlot, timeLagMs }, { live: s.live, indexedSlot: s.indexedSlot, timeLagMs: 0 });
  });
});
