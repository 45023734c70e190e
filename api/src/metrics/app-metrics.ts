/**
 * The process's Prometheus registry and what the API puts on it besides the HTTP histogram
 * (http-metrics.ts): BullMQ queue depths, outbox intents by status, and the indexer — its
 * full metrics when it runs in this process, its lag and slot otherwise. Gauges read their
 * source at scrape time, so nothing is kept up to date on the request path.
 */

import type { IntentStatus } from "@justpay/db";
import type { Knex } from "@mikro-orm/postgresql";
import { collectDefaultMetrics, Gauge, Registry } from "prom-client";
import type { QueueRegistry } from "../queues/queue-registry.js";
import type { IndexerView } from "../runtime/indexer-view.js";

const INTENT_STATUSES: IntentStatus[] = ["pending", "signed", "confirmed", "failed", "voided"];

export function createRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "justpay_process_" });
  return registry;
}

export function registerQueueDepths(registry: Registry, queues: QueueRegistry): void {
  new Gauge({
    name: "justpay_queue_jobs",
    help: "BullMQ jobs per queue and state",
    labelNames: ["queue", "state"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [queue, counts] of Object.entries(await queues.depths()))
        for (const [state, n] of Object.entries(counts)) this.set({ queue, state }, n);
    },
  });
}

export function registerOutboxStates(registry: Registry, knex: Knex): void {
  new Gauge({
    name: "justpay_tx_intents",
    help: "Transaction outbox intents per status (pending and signed are in flight)",
    labelNames: ["status"],
    registers: [registry],
    async collect() {
      const { rows } = await knex.raw("select status, count(*)::int as n from tx_intents group by status");
      const counts = new Map((rows as { status: string; n: number }[]).map((r) => [r.status, r.n]));
      for (const status of INTENT_STATUSES) this.set({ status }, counts.get(status) ?? 0);
    },
  });
}

/** For processes without an in-process indexer: what the indexer reports about itself. */
export function registerRemoteIndexerStatus(registry: Registry, indexer: IndexerView): void {
  let status: Awaited<ReturnType<IndexerView["status"]>> | undefined;
  const read = async () => {
    status = await indexer.status();
    return status;
  };
  const gauge = (name: string, help: string, pick: (s: NonNullable<typeof status>) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.set(pick(await read()));
      },
    });
  gauge("justpay_indexer_live", "1 once the initial snapshot and backfill are done", (s) => Number(s.live));
  gauge("justpay_indexer_indexed_slot", "Highest slot fully committed to Postgres", (s) => s.indexedSlot);
  gauge("justpay_indexer_time_lag_ms", "Age of the oldest uncommitted item, in milliseconds", (s) => s.lagMs);
}
