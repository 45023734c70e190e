/**
 * The `webhooks` worker: runs one attempt per job run, records it in the delivery log, and
 * tells BullMQ whether to retry (a plain error, on the seed's schedule) or not
 * (`UnrecoverableError`). Delivery is at least once: a worker that dies between the POST and
 * the log write sends again, with the same `webhook-id` for the receiver to deduplicate.
 */
import { type ConnectionOptions, type Job, UnrecoverableError, Worker } from "bullmq";
import type { ResolveHost } from "../net/ssrf-guard.js";
import { type AttemptOptions, attemptDelivery, type ResolveSecret } from "./attempt.js";
import type { DeliveryStore } from "./delivery-store.js";
import { WEBHOOK_QUEUE, type WebhookJobData } from "./jobs.js";
import { webhookBackoff } from "./retry-schedule.js";

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5_000;

export interface WebhookWorkerOptions {
  connection: ConnectionOptions;
  prefix?: string;
  store: DeliveryStore;
  resolveSecret: ResolveSecret;
  /** Local mode: accept http:// callback URLs. */
  allowHttp?: boolean;
  /** Local mode and tests: deliver to loopback and private addresses. */
  allowPrivate?: boolean;
  timeoutMs?: number;
  concurrency?: number;
  resolve?: ResolveHost;
}

export type JobOutcome = "delivered" | "stale";

/** The attempt policy of a worker: its options with the defaults filled in. */
export function attemptOptions(o: Omit<WebhookWorkerOptions, "connection" | "prefix" | "store">): AttemptOptions {
  return {
    resolveSecret: o.resolveSecret,
    timeoutMs: o.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS,
    allowHttp: o.allowHttp ?? false,
    allowPrivate: o.allowPrivate ?? false,
    resolve: o.resolve,
  };
}

/** BullMQ worker settings every webhook worker needs: the seed's retry schedule. */
export const WEBHOOK_WORKER_SETTINGS = { backoffStrategy: webhookBackoff };
export const DEFAULT_WEBHOOK_CONCURRENCY = 10;

/** The job processor, for a worker created here or through the queue registry. */
export function webhookProcessor(store: DeliveryStore, o: AttemptOptions) {
  return (job: Job<WebhookJobData>): Promise<JobOutcome> => deliver(job, store, o);
}

export function createWebhookWorker(o: WebhookWorkerOptions): Worker<WebhookJobData, JobOutcome> {
  return new Worker<WebhookJobData, JobOutcome>(WEBHOOK_QUEUE, webhookProcessor(o.store, attemptOptions(o)), {
    connection: o.connection,
    prefix: o.prefix,
    concurrency: o.concurrency ?? DEFAULT_WEBHOOK_CONCURRENCY,
    settings: WEBHOOK_WORKER_SETTINGS,
  });
}

async function deliver(job: Job<WebhookJobData>, store: DeliveryStore, o: AttemptOptions): Promise<JobOutcome> {
  const row = await store.get(job.data.deliveryId);
  // A job of a finished or superseded series (run again after a stall, or before a replay).
  if (row?.status !== "pending" || row.replays !== job.data.replays) return "stale";
  const { attempt, verdict } = await attemptDelivery(row, o);
  const last = verdict === "give-up" || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  const status = verdict === "delivered" ? "delivered" : last ? "failed" : "pending";
  if (!(await store.recordAttempt(row.id, row.replays, attempt, status))) return "stale";
  if (verdict === "delivered") return "delivered";
  const reason = attempt.error ?? "not delivered";
  throw verdict === "give-up" ? new UnrecoverableError(reason) : new Error(reason);
}
