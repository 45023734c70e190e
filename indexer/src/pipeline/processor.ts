/**
 * Queue → batches → Postgres. Items are queued synchronously as the source delivers them;
 * one flush runs at a time and takes everything queued so far (up to `maxBatch`), so a quiet
 * stream is written item by item with minimal latency and a burst is written in large
 * batches (group commit) without any timer.
 */
import type { IndexerLogger } from "../logger.js";
import type { IndexerMetrics } from "../metrics/indexer-metrics.js";
import type { MirrorStore, WriteResult } from "../store/mirror-store.js";
import { type BatchContext, type BuiltBatch, buildBatch } from "./batch-builder.js";
import type { SourceItem } from "./items.js";

export interface ProcessorOptions {
  store: MirrorStore;
  context: BatchContext;
  metrics: IndexerMetrics;
  logger: IndexerLogger;
  maxBatch?: number;
  /** `pushMany` waits while more than this many items are queued. */
  highWater?: number;
  /**
   * The channel a batch's statement announces its highest slot on (MirrorStore.write), asked
   * as each write starts; null when this batch must not be announced (the indexer is catching
   * up, so the mirror may still have a gap below it).
   */
  announceOn?: () => string | null;
  /** Called after each commit with the batch's highest slot, and whether its statement announced it. */
  onCommitted?: (maxSlot: number, announced: boolean) => void;
}

const MAX_RETRY_DELAY_MS = 5_000;

interface InFlight {
  items: SourceItem[];
  built: BuiltBatch;
  write: Promise<WriteResult>;
  announced: boolean;
}

export class Processor {
  private queue: SourceItem[] = [];
  private flushing: Promise<void> | null = null;
  private idleWaiters: (() => void)[] = [];
  private abandoned = false;
  private committed = -1;
  private inFlightSince: number | null = null;
  private readonly maxBatch: number;
  private readonly highWater: number;

  constructor(private readonly o: ProcessorOptions) {
    this.maxBatch = o.maxBatch ?? 5_000;
    this.highWater = o.highWater ?? 50_000;
  }

  /** Highest slot among committed items. */
  get committedSlot(): number {
    return this.committed;
  }

  get queued(): number {
    return this.queue.length;
  }

  push(item: SourceItem): void {
    if (this.abandoned) return;
    this.queue.push(item);
    this.o.metrics.observeChainSlot(item.slot);
    this.updateQueueMetrics();
    // A microtask, so items delivered in the same tick share one batch.
    if (!this.flushing) this.flushing = Promise.resolve().then(() => this.flushLoop());
  }

  /** For bulk producers (snapshot, backfill): queues items, waiting while the queue is full. */
  async pushMany(items: readonly SourceItem[]): Promise<void> {
    for (const item of items) {
      if (this.queue.length >= this.highWater) await this.drain();
      this.push(item);
    }
  }

  /** Resolves once everything queued so far is committed. */
  drain(): Promise<void> {
    if (!this.flushing && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops the queue and stops writing, as a crash would; the in-flight batch may still land. */
  abandon(): void {
    this.abandoned = true;
    this.queue = [];
    this.updateQueueMetrics();
    this.wakeIdle();
  }

  /**
   * Writes run one after another (the checkpoint and the watermark need their order), but
   * the next batch is decoded while Postgres executes the current one: with one core
   * decoding and one writing, catch-up is bounded by the slower of the two, not their sum.
   */
  private async flushLoop(): Promise<void> {
    let failures = 0;
    let inFlight: InFlight | null = null;
    while (!this.abandoned && (inFlight || this.queue.length > 0)) {
      const items = this.queue.splice(0, this.maxBatch);
      const next = items.length > 0 ? this.build(items) : null;
      if (inFlight) {
        try {
          this.afterCommit(inFlight, await inFlight.write);
          failures = 0;
        } catch (error) {
          if (this.abandoned) break;
          // Writes are idempotent, so the same items are simply retried after a pause.
          failures += 1;
          this.o.metrics.counters.writeErrors += 1;
          const lost = inFlight.items.length + (next?.items.length ?? 0);
          this.o.logger.error({ error: (error as Error).message, items: lost }, "batch write failed; retrying");
          this.queue = [...inFlight.items, ...(next?.items ?? []), ...this.queue];
          inFlight = null;
          this.updateQueueMetrics();
          await new Promise((r) => setTimeout(r, Math.min(MAX_RETRY_DELAY_MS, 50 * 2 ** failures)));
          continue;
        }
      }
      inFlight = next ? this.startWrite(next) : null;
      // Awaited on the next turn; an abandoned processor never awaits it, so never let it go unhandled.
      inFlight?.write.catch(() => {});
      this.inFlightSince = inFlight?.items[0]?.receivedAt ?? null;
      this.updateQueueMetrics();
      // Let the query reach the socket before the next (synchronous) decode occupies the loop.
      if (inFlight) await new Promise((r) => setImmediate(r));
    }
    this.flushing = null;
    this.inFlightSince = null;
    this.updateQueueMetrics();
    this.wakeIdle();
  }

  /**
   * Decoding failures are handled per item inside buildBatch; anything that still escapes is
   * a bug, and retrying the same items would only repeat it, so the batch is logged and skipped.
   */
  private build(items: SourceItem[]): { items: SourceItem[]; built: BuiltBatch } | null {
    try {
      return { items, built: buildBatch(items, this.o.context) };
    } catch (error) {
      this.o.metrics.counters.decodeErrors += items.length;
      this.o.logger.error(
        { error: (error as Error).message, items: items.length },
        "batch could not be built; skipped",
      );
      return null;
    }
  }

  private startWrite(next: { items: SourceItem[]; built: BuiltBatch }): InFlight {
    const channel = this.o.announceOn?.() ?? null;
    const announcement = channel === null ? undefined : { channel, slot: next.built.maxSlot };
    return { ...next, write: this.o.store.write(next.built.batch, announcement), announced: channel !== null };
  }

  private afterCommit({ items, built, announced }: InFlight, written: WriteResult): void {
    const m = this.o.metrics;
    m.counters.accountUpdates += written.upserted;
    m.counters.accountCloses += written.closed;
    m.counters.transactions += built.stats.transactions;
    m.counters.failedTransactions += built.stats.failedTransactions;
    m.counters.events += written.events;
    m.counters.decodeErrors += built.decodeErrors.length;
    m.counters.unmirroredAccounts += built.unmirrored.length;
    for (const d of built.unknownDiscriminators) {
      if (m.countUnknown(d)) this.o.logger.warn({ discriminator: d }, "account with an unknown discriminator skipped");
    }
    for (const e of built.decodeErrors) this.o.logger.warn(e, "account data did not decode; skipped");
    m.observeCommit(
      written.upserted + written.closed,
      items.map((i) => i.receivedAt),
      performance.now(),
    );
    if (built.maxSlot > this.committed) this.committed = built.maxSlot;
    this.o.onCommitted?.(built.maxSlot, announced);
  }

  private updateQueueMetrics(): void {
    this.o.metrics.queueDepth = this.queue.length;
    this.o.metrics.oldestQueuedAt = this.inFlightSince ?? this.queue[0]?.receivedAt ?? null;
  }

  private wakeIdle(): void {
    if (this.flushing || (this.queue.length > 0 && !this.abandoned)) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
