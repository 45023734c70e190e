/**
 * The seed's delivery promise: up to 5 retries, after 1 s, 4 s, 16 s, 64 s and 256 s. BullMQ's
 * built-in exponential backoff doubles, so the schedule is a custom strategy that the worker
 * registers and every webhook job names.
 */
import type { BackoffStrategy, JobsOptions } from "bullmq";

export const WEBHOOK_RETRY_DELAYS_MS = [1_000, 4_000, 16_000, 64_000, 256_000] as const;
/** The first try plus one per retry delay. */
export const WEBHOOK_ATTEMPTS = 1 + WEBHOOK_RETRY_DELAYS_MS.length;
export const WEBHOOK_BACKOFF_TYPE = "justpay-webhook";

/** BullMQ calls this with the number of attempts made so far (1 after the first failure). */
export const webhookBackoff: BackoffStrategy = (attemptsMade) => WEBHOOK_RETRY_DELAYS_MS[attemptsMade - 1] ?? -1;

export const WEBHOOK_JOB_OPTIONS: JobsOptions = {
  attempts: WEBHOOK_ATTEMPTS,
  backoff: { type: WEBHOOK_BACKOFF_TYPE },
  // The delivery log in Postgres is the record; Redis keeps finished jobs only for inspection.
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};
