/** Prometheus text exposition (format 0.0.4) of an indexer metrics snapshot. */
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

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export function renderPrometheus(s: IndexerMetricsSnapshot, prefix = "justpay_indexer"): string {
  const lines: string[] = [];
  for (const [key, name, help] of GAUGES) {
    const value = s[key];
    lines.push(`# HELP ${prefix}_${name} ${help}`, `# TYPE ${prefix}_${name} gauge`);
    lines.push(`${prefix}_${name} ${typeof value === "boolean" ? Number(value) : value}`);
  }
  for (const [key, value] of Object.entries(s.counters) as [keyof IndexerCounters, number][]) {
    const name = `${prefix}_${snake(key)}_total`;
    lines.push(`# TYPE ${name} counter`, `${name} ${value}`);
  }
  const unknown = `${prefix}_unknown_discriminator_total`;
  lines.push(`# TYPE ${unknown} counter`);
  for (const [disc, n] of Object.entries(s.unknownDiscriminators))
    lines.push(`${unknown}{discriminator="${disc}"} ${n}`);
  return `${lines.join("\n")}\n`;
}
