/**
 * What the indexer reports about itself: how far behind the chain it is (in slots and in
 * time), how fast it writes, and counters for everything it skipped or retried.
 */
import { RateWindow, RecentSamples } from "./sliding-stats.js";

export interface IndexerCounters {
  accountUpdates: number;
  accountCloses: number;
  transactions: number;
  failedTransactions: number;
  events: number;
  unknownAccounts: number;
  decodeErrors: number;
  /** Decoded accounts of a type the schema has no table for yet (migration missing). */
  unmirroredAccounts: number;
  batches: number;
  writeErrors: number;
  snapshotAccounts: number;
  closedDuringGap: number;
  backfilledTransactions: number;
  resyncs: number;
}

export interface IndexerMetricsSnapshot {
  live: boolean;
  chainSlot: number;
  indexedSlot: number;
  /** chainSlot - indexedSlot, never negative. */
  slotLag: number;
  /** Age of the oldest item received but not yet committed; 0 when caught up. */
  timeLagMs: number;
  queueDepth: number;
  /** Receive → commit latency over recent items. */
  commitLatencyP50Ms: number;
  commitLatencyP99Ms: number;
  /** Account updates and closes committed per second, over the last 10 s. */
  accountUpdatesPerSec: number;
  counters: IndexerCounters;
  /** Count per unknown account discriminator (hex). */
  unknownDiscriminators: Record<string, number>;
}

export class IndexerMetrics {
  readonly counters: IndexerCounters = {
    accountUpdates: 0,
    accountCloses: 0,
    transactions: 0,
    failedTransactions: 0,
    events: 0,
    unknownAccounts: 0,
    decodeErrors: 0,
    unmirroredAccounts: 0,
    batches: 0,
    writeErrors: 0,
    snapshotAccounts: 0,
    closedDuringGap: 0,
    backfilledTransactions: 0,
    resyncs: 0,
  };
  readonly unknownDiscriminators = new Map<string, number>();
  live = false;
  chainSlot = 0;
  indexedSlot = 0;
  queueDepth = 0;
  oldestQueuedAt: number | null = null;
  private readonly latencies = new RecentSamples();
  private readonly updates = new RateWindow();

  observeChainSlot(slot: number): void {
    if (slot > this.chainSlot) this.chainSlot = slot;
  }

  observeCommit(accountWrites: number, receivedAt: readonly number[], committedAt: number): void {
    this.counters.batches += 1;
    this.updates.add(accountWrites);
    for (const t of receivedAt) this.latencies.add(committedAt - t);
  }

  countUnknown(discriminator: string): boolean {
    const seen = this.unknownDiscriminators.get(discriminator) ?? 0;
    this.unknownDiscriminators.set(discriminator, seen + 1);
    this.counters.unknownAccounts += 1;
    return seen === 0;
  }

  /**
   * Liveness and lag only: what followers and health checks read on every pass, without the
   * percentiles (a sort of every retained sample) that only a metrics scrape needs.
   */
  status(now = performance.now()): { live: boolean; indexedSlot: number; timeLagMs: number } {
    return {
      live: this.live,
      indexedSlot: this.indexedSlot,
      timeLagMs: this.oldestQueuedAt === null ? 0 : Math.max(0, now - this.oldestQueuedAt),
    };
  }

  snapshot(now = performance.now()): IndexerMetricsSnapshot {
    return {
      live: this.live,
      chainSlot: this.chainSlot,
      indexedSlot: this.indexedSlot,
      slotLag: Math.max(0, this.chainSlot - this.indexedSlot),
      timeLagMs: this.oldestQueuedAt === null ? 0 : Math.max(0, now - this.oldestQueuedAt),
      queueDepth: this.queueDepth,
      commitLatencyP50Ms: this.latencies.percentile(50),
      commitLatencyP99Ms: this.latencies.percentile(99),
      accountUpdatesPerSec: this.updates.perSecond(),
      counters: { ...this.counters },
      unknownDiscriminators: Object.fromEntries(this.unknownDiscriminators),
    };
  }
}
