/**
 * The indexer: a `ChainSource` feeding a `Processor` that writes the mirror. On start (and
 * on `resync()`, e.g. after a reconnect) it subscribes first and buffers the live stream,
 * then takes a snapshot of all program accounts, closes rows whose accounts vanished, and
 * backfills events since the checkpoint; only then does it drain the buffer and go live.
 * Subscribing before the snapshot is what makes the hand-over gap-free: anything after the
 * subscription is in the buffer, anything before it is in the snapshot or the backfill, and
 * the overlap is harmless because every write is idempotent (newer slot wins, events are
 * unique per signature and index).
 */

import type { Database, Idl } from "@justpay/db";
import type { Chain } from "@justpay/sdk";
import { IDL } from "@justpay/sdk";
import type { Knex } from "@mikro-orm/postgresql";
import type { PublicKey } from "@solana/web3.js";
import type { Registry } from "prom-client";
import { AccountDecoder } from "./decode/account-decoder.js";
import { EventDecoder } from "./decode/event-decoder.js";
import { consoleLogger, type IndexerLogger } from "./logger.js";
import { IndexerMetrics, type IndexerMetricsSnapshot } from "./metrics/indexer-metrics.js";
import { registerIndexerMetrics, renderPrometheus } from "./metrics/prometheus.js";
import type { SourceItem } from "./pipeline/items.js";
import { Processor } from "./pipeline/processor.js";
import { SlotWatermark } from "./pipeline/slot-watermark.js";
import { ChainSource } from "./sources/chain-source.js";
import { CloseDetector } from "./sources/close-detector.js";
import { MirrorStore } from "./store/mirror-store.js";
import { type SchemaCoverage, schemaCoverage } from "./store/schema-coverage.js";
import { indexedSlotChannel, SlotNotifier } from "./store/slot-notifier.js";

export interface IndexerOptions {
  chain: Chain;
  /** Opened and migrated (see `openDatabase`, `migrate`). The indexer does not close it. */
  db: Database;
  idl?: Idl;
  /** Defaults to `chain.programId`. */
  programId?: PublicKey;
  /** Checkpoint key; defaults to `<chain kind>:<program id>`. */
  sourceName?: string;
  maxBatch?: number;
  /** How often the chain's slot is polled for the lag metric; 0 disables polling. */
  slotPollMs?: number;
  logger?: IndexerLogger;
  /**
   * `NOTIFY` each advance of the watermark on this schema's channel (`indexedSlotChannel`),
   * for processes that wait on it (API replicas). Off by default: in-process callers use
   * `waitForSlot`.
   */
  notify?: boolean;
}

export class Indexer {
  readonly metrics = new IndexerMetrics();
  readonly source: ChainSource;
  readonly store: MirrorStore;
  private readonly processor: Processor;
  private readonly watermark = new SlotWatermark();
  private readonly logger: IndexerLogger;
  private readonly notifier: SlotNotifier | null;
  private buffer: SourceItem[] = [];
  private syncing = false;
  private resyncRequested = false;
  private unsubscribe: (() => void) | null = null;
  private slotPoll: NodeJS.Timeout | null = null;
  private stopped = false;

  private constructor(
    private readonly o: IndexerOptions,
    knex: Knex,
    schema: string,
    accounts: AccountDecoder,
    coverage: SchemaCoverage,
  ) {
    const idl = o.idl ?? IDL;
    const programId = o.programId ?? o.chain.programId;
    this.logger = o.logger ?? consoleLogger;
    this.notifier = o.notify
      ? new SlotNotifier(knex, indexedSlotChannel(schema), (error) =>
          this.logger.warn({ error: error.message }, "slot notification failed"),
        )
      : null;
    const events = new EventDecoder(idl, programId);
    this.source = new ChainSource(o.chain, {
      programId,
      name: o.sourceName,
      closeDetector: o.chain.kind === "rpc" ? new CloseDetector(o.chain, programId, events) : undefined,
      onError: (error) =>
        this.logger.warn({ error: error.message }, "close lookup failed; the next resync will catch it"),
    });
    this.store = new MirrorStore(knex, schema, coverage.mirrored);
    this.processor = new Processor({
      store: this.store,
      context: {
        accounts,
        events,
        mirrored: new Set(coverage.mirrored.map((s) => s.name)),
        source: this.source.name,
      },
      metrics: this.metrics,
      logger: this.logger,
      maxBatch: o.maxBatch,
      announceOn: () => (this.notifier && !this.syncing ? this.notifier.channel : null),
      onCommitted: (slot, announced) => {
        if (!this.syncing) this.advance(slot, announced);
      },
    });
  }

  /** `create` + `run`: resolves once caught up and live. */
  static async start(options: IndexerOptions): Promise<Indexer> {
    const indexer = await Indexer.create(options);
    await indexer.run();
    return indexer;
  }

  /** Prepared (schema checked, decoders built) but not yet reading the chain. */
  static async create(options: IndexerOptions): Promise<Indexer> {
    const knex = options.db.em.getConnection().getKnex();
    const schema = options.db.config.get("schema") ?? "public";
    const accounts = new AccountDecoder(options.idl ?? IDL);
    const coverage = await schemaCoverage(knex, schema, accounts.specs);
    const indexer = new Indexer(options, knex, schema, accounts, coverage);
    for (const u of coverage.unmirrored) {
      indexer.logger.warn(
        { ...u },
        "the IDL has an account type the schema cannot hold; run `npm run db:migration` and migrate",
      );
    }
    return indexer;
  }

  /** Subscribes, catches up (snapshot + backfill) and resolves once live. */
  async run(): Promise<void> {
    if (this.stopped || this.unsubscribe) throw new Error("an indexer runs once; start a new one");
    this.unsubscribe = this.source.subscribe(
      (item) => this.onLiveItem(item),
      () => this.onResubscribed(),
    );
    await this.resync();
    if (this.stopped) return;
    this.startSlotPoll(this.o.slotPollMs ?? 1_000);
    // The stream dropped during the first catch-up: go again.
    if (this.resyncRequested) {
      this.resyncRequested = false;
      void this.resyncUntilDone();
    }
  }

  /** Highest slot the mirror fully reflects (accounts and events). */
  get indexedSlot(): number {
    return this.watermark.slot;
  }

  /** Read-your-writes: resolves once everything up to `slot` is in Postgres. */
  waitForSlot(slot: number, timeoutMs = 5_000): Promise<void> {
    return this.watermark.waitFor(slot, timeoutMs);
  }

  metricsSnapshot(): IndexerMetricsSnapshot {
    return this.metrics.snapshot();
  }

  /** Liveness, the indexed slot and the lag, cheap enough to read on every follower pass. */
  status(): { live: boolean; indexedSlot: number; timeLagMs: number } {
    return this.metrics.status();
  }

  /** Prometheus text of the metrics, on a registry of their own. */
  renderMetrics(): Promise<string> {
    return renderPrometheus(this.metrics.snapshot());
  }

  /** Exposes the metrics on `registry` (the process's), read at each scrape. */
  registerMetrics(registry: Registry): void {
    registerIndexerMetrics(registry, () => this.metrics.snapshot());
  }

  /** Resolves when everything received so far is committed. */
  drain(): Promise<void> {
    return this.processor.drain();
  }

  /** Re-reads the chain to close any gap in the live stream (after a reconnect). */
  async resync(): Promise<void> {
    this.syncing = true;
    this.metrics.live = false;
    this.metrics.counters.resyncs += 1;
    try {
      await this.catchUp();
    } finally {
      this.syncing = false;
      const buffered = this.buffer;
      this.buffer = [];
      for (const item of buffered) this.processor.push(item);
      this.metrics.live = !this.stopped;
    }
  }

  /** Graceful stop: no new items, everything received is committed. */
  async stop(): Promise<void> {
    this.detach();
    await this.processor.drain();
    this.watermark.rejectAll(new Error("indexer stopped"));
  }

  /** Stops as a crash would: queued items are lost; a restart must recover them from the chain. */
  kill(): void {
    this.detach();
    this.processor.abandon();
    this.watermark.rejectAll(new Error("indexer killed"));
  }

  private async catchUp(): Promise<void> {
    const checkpoint = await this.store.loadCheckpoint(this.source.name);
    const snapshot = await this.source.snapshot();
    // After each wait: a stopped (killed) indexer must not write anything more.
    if (this.stopped) return;
    this.metrics.observeChainSlot(snapshot.slot);
    this.metrics.counters.snapshotAccounts += snapshot.items.length;
    await this.processor.pushMany(snapshot.items);
    await this.processor.drain();
    if (this.stopped) return;
    const present = snapshot.items.filter((i) => i.data !== null).map((i) => i.pubkey);
    this.metrics.counters.closedDuringGap += await this.store.closeMissing(snapshot.slot, present);

    for await (const chunk of this.source.backfill(checkpoint?.signature ?? null)) {
      if (this.stopped) return;
      this.metrics.counters.backfilledTransactions += chunk.length;
      await this.processor.pushMany(chunk);
    }
    await this.processor.drain();
    if (this.stopped) return;
    this.advance(Math.max(snapshot.slot, this.processor.committedSlot));
    this.logger.info(
      { slot: this.watermark.slot, accounts: snapshot.items.length, checkpoint: checkpoint?.signature ?? null },
      "caught up",
    );
  }

  /**
   * The live stream dropped and came back: whatever happened in between is read back from
   * the chain. A catch-up already running may have taken its snapshot before the drop, so
   * another one follows it. A failed catch-up is retried: until one succeeds the mirror may
   * have a gap, and `waitForSlot` keeps callers waiting rather than answering from it.
   */
  private onResubscribed(): void {
    if (this.stopped) return;
    if (this.syncing) {
      this.resyncRequested = true;
      return;
    }
    void this.resyncUntilDone();
  }

  private async resyncUntilDone(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        await this.resync();
        if (!this.resyncRequested) return;
        this.resyncRequested = false;
        attempt = 0;
      } catch (error) {
        const delayMs = Math.min(30_000, 500 * 2 ** attempt);
        this.logger.error({ error: (error as Error).message, attempt, delayMs }, "resync failed; retrying");
        await new Promise((r) => setTimeout(r, delayMs));
      }
    }
  }

  private onLiveItem(item: SourceItem): void {
    if (this.syncing) this.buffer.push(item);
    else this.processor.push(item);
  }

  /** `announced`: the batch's own statement already told other processes (batch-sql.ts). */
  private advance(slot: number, announced = false): void {
    const before = this.watermark.slot;
    this.watermark.advance(slot);
    this.metrics.indexedSlot = this.watermark.slot;
    if (this.watermark.slot > before && !announced) this.notifier?.notify(this.watermark.slot);
  }

  private startSlotPoll(intervalMs: number): void {
    if (intervalMs <= 0) return;
    this.slotPoll = setInterval(() => {
      this.source.currentSlot().then(
        (slot) => this.metrics.observeChainSlot(slot),
        () => {}, // a failed poll only leaves the lag metric stale
      );
    }, intervalMs);
    this.slotPoll.unref();
  }

  private detach(): void {
    this.stopped = true;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.slotPoll) clearInterval(this.slotPoll);
    this.slotPoll = null;
  }
}
