/**
 * The `withdrawals` BullMQ queue: one job per request, its id the request id, so enqueueing a
 * request twice makes one job. Transient failures (RPC, Redis, an outbox lease held
 * elsewhere) are retried with backoff; a program refusal is final and not retried.
 */
import type { JobsOptions } from "bullmq";
import type { AppContext } from "../context.js";

export const WITHDRAWAL_QUEUE = "withdrawals";

export interface WithdrawalJobData {
  requestId: string;
}

export const WITHDRAWAL_JOB_OPTIONS: JobsOptions = {
  attempts: 12,
  backoff: { type: "exponential", delay: 1_000 },
  removeOnComplete: 1_000,
  removeOnFail: 1_000,
};

export async function enqueueWithdrawal(ctx: AppContext, requestId: string): Promise<void> {
  await ctx.queues
    .queue<WithdrawalJobData>(WITHDRAWAL_QUEUE)
    .add("withdraw", { requestId }, { ...WITHDRAWAL_JOB_OPTIONS, jobId: requestId });
}
