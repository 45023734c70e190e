/** The indexer's public surface: what the API, the CLI, scripts and benchmarks import. */
export { formatReport } from "./audit/report.js";
export { type AuditOptions, type AuditReport, runAudit } from "./audit/run-audit.js";
export { AccountDecoder } from "./decode/account-decoder.js";
export { EventDecoder } from "./decode/event-decoder.js";
export { Indexer, type IndexerOptions } from "./indexer.js";
export type { IndexerLogger } from "./logger.js";
export { type IndexerCounters, IndexerMetrics, type IndexerMetricsSnapshot } from "./metrics/indexer-metrics.js";
export { registerIndexerMetrics, renderPrometheus } from "./metrics/prometheus.js";
export type { SourceItem } from "./pipeline/items.js";
export { Processor } from "./pipeline/processor.js";
export { SlotWaitTimeout, SlotWatermark } from "./pipeline/slot-watermark.js";
export { MirrorStore } from "./store/mirror-store.js";
export { schemaCoverage } from "./store/schema-coverage.js";
export { indexedSlotChannel } from "./store/slot-notifier.js";
