/**
 * The `withdrawals` worker: settles each queued request by running `withdraw` through the
 * outbox under the request's own key, so a job run twice (a retry, a stalled job picked up
 * again) executes at most once.
 *
 * - A program refusal (cooldown after an address change, funds gone to a panic, …) fails the
 *   request with the program's message and is not retried: running it again would be refused
 *   again.
 * - Anything else (RPC, Redis, the index catching up, an outbox lease held elsewhere) is
 *   thrown, and BullMQ retries with backoff. A request whose retries all run out stays queued
 *   (and pending): its outbox intent may still land through `tx.recover()`.
 * - A request is marked settled only once the mirror shows its transaction, so `pending`
 *   and the balance never disagree.
 */
import { PublicKey } from "@solana/web3.js";
import { UnrecoverableError, type Worker } from "bullmq";
import type { AppContext } from "../context.js";
import { programErrorAnswer } from "../http/program-error-status.js";
import { IdempotencyConflictError, TxProgramError, TxVoidedError } from "../tx/errors.js";
import { withdrawInstructions } from "../withdrawals/instructions.js";
import { withdrawIntentKey } from "../withdrawals/ledger.js";
import { eventOf } from "../withdrawals/program-events.js";
import { WITHDRAWAL_QUEUE, type WithdrawalJobData } from "../withdrawals/queue.js";
import { RequestStore } from "../withdrawals/request-store.js";
import type { WorkerModule } from "./worker-module.js";

/** Program refusals whose IDL message would puzzle in a withdrawal's record. */
const REFUSAL_MESSAGES: Readonly<Record<string, string>> = {
  PartyMismatch: "The withdrawal address changed after this withdrawal was requested; request it again",
};

export type SettleOutcome = "settled" | "failed" | "stale";

export async function settleWithdrawal(ctx: AppContext, requestId: string): Promise<SettleOutcome> {
  const store = new RequestStore(ctx.knex);
  // Not queued any more: settled by an earlier run, or cancelled by a panic.
  const request = await store.start(requestId);
  if (!request) return "stale";
  const { rows } = await ctx.knex.raw(`select wallet_address from agents where id = ?`, [request.agent_id]);
  const wallet = new PublicKey(rows[0].wallet_address);
  const key = withdrawIntentKey(request.id);
  const instructions = await withdrawInstructions(
    ctx,
    wallet,
    new PublicKey(request.destination),
    BigInt(request.amount),
  );
  let landed: { signature: string; slot: number };
  try {
    landed = await ctx.tx.execute(key, "withdraw", instructions);
  } catch (e) {
    if (e instanceof TxProgramError) {
      const name = e.errorName ?? "";
      await store.fail(request.id, REFUSAL_MESSAGES[name] ?? programErrorAnswer(name)?.message ?? e.message);
      return "failed";
    }
    if (e instanceof TxVoidedError) {
      await store.fail(request.id, `Not sent: ${e.reason}`);
      return "failed";
    }
    // The key's earlier instructions differ: it may have executed, so it must not be failed.
    if (e instanceof IdempotencyConflictError) throw new UnrecoverableError(e.message);
    throw e;
  }
  await ctx.waitForSlot(landed.slot);
  // The fee the program actually charged (the config may have changed since admission).
  const event = await eventOf(ctx.knex, landed.signature, "Withdrawn");
  await store.settle(request.id, landed.signature, BigInt(String(event?.fee ?? request.fee)));
  return "settled";
}

export function startWithdrawalWorker(
  ctx: AppContext,
  options: { concurrency?: number } = {},
): Worker<WithdrawalJobData, SettleOutcome> {
  const worker = ctx.queues.worker<WithdrawalJobData, SettleOutcome>(
    WITHDRAWAL_QUEUE,
    (job) => settleWithdrawal(ctx, job.data.requestId),
    { concurrency: options.concurrency ?? 5 },
  );
  worker.on("failed", (job, err) =>
    ctx.log.warn({ err, requestId: job?.data.requestId, attempt: job?.attemptsMade }, "withdrawal attempt failed"),
  );
  return worker;
}

export const withdrawalsWorker: WorkerModule = {
  name: "withdrawals",
  async start(ctx: AppContext) {
    startWithdrawalWorker(ctx);
  },
};
