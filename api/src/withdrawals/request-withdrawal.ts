/**
 * Admission of `POST /wallet/withdraw`: money is never promised twice. Under a lock on the
 * agent's row, the mirrored balance minus the pending withdrawals must cover the amount;
 * the request row is written in that same transaction, so concurrent requests are admitted
 * one after the other against what the previous ones left. The checks repeat the program's
 * own (same order, same statuses) to give clear messages up front; the program, run later by
 * the worker, has the last word.
 */

import type { AgentRow, WithdrawalRequestRow } from "@justpay/db";
import type { AppContext } from "../context.js";
import { newId } from "../db/ids.js";
import { badRequest, conflict, forbidden } from "../http/http-error.js";
import { formatUsdc } from "../money/usdc.js";
import { isoFromUnix, LEDGER_NOT_READY, readWithdrawalLedger } from "./ledger.js";
import { enqueueWithdrawal } from "./queue.js";
import { RequestStore } from "./request-store.js";

const micro = (amount: bigint) => `${formatUsdc(amount)} (${amount} micro-units)`;

async function admit(
  ctx: AppContext,
  agent: AgentRow,
  amount: bigint,
  idempotencyKey: string | null,
  now: bigint,
): Promise<WithdrawalRequestRow> {
  return ctx.knex.transaction(async (trx) => {
    await trx.raw(`select id from agents where id = ? for update`, [agent.id]);
    const store = new RequestStore(trx);
    // A retry of a request whose process died after admitting it.
    const earlier = idempotencyKey ? await store.byIdempotencyKey(agent.id, idempotencyKey, trx) : undefined;
    if (earlier) return earlier;
    const ledger = await readWithdrawalLedger(trx, agent);
    if (!ledger) throw conflict(LEDGER_NOT_READY);
    if (!ledger.withdrawalAddress)
      throw badRequest("No withdrawal address set: set one with PUT /api/v1/wallet/withdrawal-address first");
    if (ledger.cooldownUntil > now)
      throw forbidden(
        `Withdrawal address changed recently: withdrawals are locked until ${isoFromUnix(ledger.cooldownUntil)} (security cooldown)`,
      );
    if (amount < ledger.withdrawMinimum) throw badRequest(`Minimum withdrawal is ${micro(ledger.withdrawMinimum)}`);
    const spendable = ledger.available - ledger.pending;
    if (amount > spendable)
      throw badRequest(
        `Insufficient available balance: ${micro(spendable < 0n ? 0n : spendable)} can be withdrawn` +
          (ledger.pending > 0n ? `, ${micro(ledger.pending)} is already pending` : ""),
      );
    return store.insert({
      id: newId(),
      agentId: agent.id,
      kind: "withdraw",
      amount,
      fee: ledger.withdrawFee,
      destination: ledger.withdrawalAddress,
      status: "queued",
      idempotencyKey,
    });
  });
}

/** Admits and queues a withdrawal; the worker settles it. */
export async function requestWithdrawal(
  ctx: AppContext,
  agent: AgentRow,
  amount: bigint,
  idempotencyKey: string | null,
): Promise<WithdrawalRequestRow> {
  // The program checks the cooldown against its Clock, so this does too (not the server's).
  const now = await ctx.chain.unixTime();
  const request = await admit(ctx, agent, amount, idempotencyKey, now);
  if (request.status !== "queued") return request;
  try {
    await enqueueWithdrawal(ctx, request.id);
  } catch (e) {
    // Unless a worker already took it (the job was added after all), nothing will happen:
    // say so with a 5xx and free the amount.
    if (await new RequestStore(ctx.knex).fail(request.id, "could not be queued", true)) throw e;
  }
  return request;
}
