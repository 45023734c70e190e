/**
 * Forgets Idempotency-Key records a day after their answer, hourly on one worker. A client
 * retries within seconds or minutes; a day covers any sane retry policy (and a long outage on
 * the client's side), and keeps the table from growing with every money call ever made.
 */
import type { AppContext } from "../context.js";
import { IdempotencyStore } from "../http/idempotency-store.js";
import type { WorkerModule } from "./worker-module.js";

export const IDEMPOTENCY_PRUNE_QUEUE = "idempotency-prune";
export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;
const EVERY_MS = 60 * 60 * 1000;

export const idempotencyPrune: WorkerModule = {
  name: "idempotency-prune",
  async start(ctx: AppContext) {
    await ctx.queues
      .queue(IDEMPOTENCY_PRUNE_QUEUE)
      .upsertJobScheduler("idempotency-prune", { every: EVERY_MS }, { name: "prune", opts: { removeOnComplete: 10 } });
    const store = new IdempotencyStore(ctx.knex);
    ctx.queues.worker(IDEMPOTENCY_PRUNE_QUEUE, () => store.prune(IDEMPOTENCY_RETENTION_MS));
  },
};
