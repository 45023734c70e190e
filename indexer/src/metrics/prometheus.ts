/**
 * The indexer's metrics on a prom-client registry: the gauges as `justpay_indexer_<name>`,
 * the counters as `justpay_indexer_<counter>_total`, unknown discriminators as
 * `justpay_indexer_unknown_discriminator_total{discriminator="…"}`. Values are read from a
 * snapshot at scrape time, so the hot path keeps its plain counters and nothing else.
 */
import { Counter, Gauge, Registry } from "prom-client";
import type { IndexerCounters, IndexerMetricsSnapshot } from "./indexer-metrics.js";

const GAUGES: [keyof IndexerMetricsSnapshot, string, string][] = [
  ["live", "live", "1 once the initial snapshot and backfill are done"],
  ["chainSlot", "chain_slot", "Latest slot seen on the chain"],
  ["indexedSlot", "indexed_slot", "Highest slot fully committed to Postgres"],
  ["slotLag", "slot_lag", "Chain slot minus indexed slot"],
  ["timeLagMs", "time_lag_ms", "Age of the oldest uncommitted item, in milliseconds"],
  ["queueDepth", "queue_depth", "Items received and not yet committed"],
  ["commitLatencyP50Ms", "commit_latency_p50_ms", "Median receive-to-commit latency"],
  ["commitLatencyP99Ms", "commit_latency_p99_ms", "99th percentile receive-to-commit latency"],
  ["accountUpdatesPerSec", "account_updates_per_second", "Account writes per second over 10 s"],
];

const COUNTER_HELP: Record<keyof IndexerCounters, string> = {
  accountUpdates: "Account rows written (stale upserts count 0)",
  accountCloses: "Account rows closed",
  transactions: "Program transactions seen",
  failedTransactions: "Failed program transactions seen",
  events: "Program events recorded (replays count 0)",
  unknownAccounts: "Program accounts with an unknown discriminator",
  decodeErrors: "Accounts or logs that could not be decoded",
  unmirroredAccounts: "Decoded accounts whose type has no table yet",
  batches: "Batches written",
  writeErrors: "Failed batch writes (retried)",
  snapshotAccounts: "Accounts read by catch-up snapshots",
  closedDuringGap: "Rows closed because their account vanished while away",
  backfilledTransactions: "Transactions read by event backfill",
  resyncs: "Catch-ups run",
};

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** One snapshot per scrape, however many metrics read it. */
function perScrape(read: () => IndexerMetricsSnapshot): () => IndexerMetricsSnapshot {
  let cached: IndexerMetricsSnapshot | undefined;
  let at = 0;
  return () => {
    const now = performance.now();
    if (!cached || now - at > 50) {
      cached = read();
      at = now;
    }
    return cached;
  };
}

export function registerIndexerMetrics(
  registry: Registry,
  read: () => IndexerMetricsSnapshot,
  prefix = "justpay_indexer",
): void {
  const snapshot = perScrape(read);
  for (const [key, name, help] of GAUGES) {
    new Gauge({
      name: `${prefix}_${name}`,
      help,
      registers: [registry],
      collect() {
        this.set(Number(snapshot()[key]));
      },
    });
  }
  for (const key of Object.keys(COUNTER_HELP) as (keyof IndexerCounters)[]) {
    new Counter({
      name: `${prefix}_${snake(key)}_total`,
      help: COUNTER_HELP[key],
      registers: [registry],
      // The indexer keeps the running total; a scrape copies it.
      collect() {
        this.reset();
        this.inc(snapshot().counters[key]);
      },
    });
  }
  new Counter({
    name: `${prefix}_unknown_discriminator_total`,
    help: "Program accounts per unknown discriminator (hex)",
    labelNames: ["discriminator"],
    registers: [registry],
    collect() {
      this.reset();
      for (const [discriminator, n] of Object.entries(snapshot().unknownDiscriminators)) this.inc({ discriminator }, n);
    },
  });
}

/** Prometheus text of one snapshot, on a registry of its own. */
export function renderPrometheus(s: IndexerMetricsSnapshot, prefix = "justpay_indexer"): Promise<string> {
  const registry = new Registry();
  registerIndexerMetrics(registry, () => s, prefix);
  return registry.metrics();
}
