/** Every worker module, started in the worker role and in the local stack (see worker-module.ts). */
import { deadlineSweeps } from "./deadlines/sweep-worker.js";
import { depositScans } from "./deposits.js";
import { idempotencyPrune } from "./idempotency-prune.js";
import { jobEvents } from "./job-events.js";
import { outboxRecovery } from "./outbox-recovery.js";
import { reputationRefresh } from "./reputation-refresh.js";
import { webhookWorker } from "./webhooks.js";
import { withdrawalsWorker } from "./withdrawals.js";
import type { WorkerModule } from "./worker-module.js";

export const WORKER_MODULES: readonly WorkerModule[] = [
  outboxRecovery,
  webhookWorker,
  depositScans,
  deadlineSweeps,
  withdrawalsWorker,
  reputationRefresh,
  jobEvents,
  idempotencyPrune,
];
