/** The indexer's public surface: what the API, the CLI and scripts import. */
export { formatReport } from "./audit/report.js";
export { type AuditOptions, type AuditReport, runAudit } from "./audit/run-audit.js";
export { migrate, schemaBehindIdl } from "./db/migrate.js";
export { type Database, type DatabaseOptions, databaseUrl, openDatabase } from "./db/orm.js";
export { AccountDecoder } from "./decode/account-decoder.js";
export { EventDecoder } from "./decode/event-decoder.js";
export { type AccountTypeSpec, accountTypesFromIdl, tableNameFor } from "./idl/account-types.js";
export { Indexer, type IndexerOptions } from "./indexer.js";
export type { IndexerLogger } from "./logger.js";
export type { IndexerCounters, IndexerMetricsSnapshot } from "./metrics/indexer-metrics.js";
export { registerIndexerMetrics, renderPrometheus } from "./metrics/prometheus.js";
export { SlotWaitTimeout, SlotWatermark } from "./pipeline/slot-watermark.js";
export { indexedSlotChannel } from "./store/slot-notifier.js";
