/**
 * `POST /wallet/panic`: the whole balance to the emergency address, now, cooldown or not.
 *
 * Panic wins over queued withdrawals: under the same per-agent lock that admits them, every
 * queued request the worker has not started is failed ("cancelled"), so none of them can
 * take money after the panic. A request already started may be on its way to the chain;
 * the program orders the two: if it lands first the panic takes what is left, otherwise it
 * is refused for lack of funds and fails. Either way nothing is paid twice.
 *
 * The outbox key comes from the Idempotency-Key when there is one, so a retry after a crash
 * finds the first panic's outcome instead of sending another.
 */

import type { AgentRow, WithdrawalRequestRow } from "@justpay/db";
import { PublicKey } from "@solana/web3.js";
import type { AppContext } from "../context.js";
import { newId } from "../db/ids.js";
import { badRequest, conflict } from "../http/http-error.js";
import { panicInstructions } from "./instructions.js";
import { LEDGER_NOT_READY, readWithdrawalLedger } from "./ledger.js";
import { eventOf } from "./program-events.js";
import { RequestStore } from "./request-store.js";

const NO_EMERGENCY_ADDRESS =
  "No emergency address recorded yet: it is the wallet your first deposit (of at least the activation fee) came from";

export interface PanicResult {
  request: WithdrawalRequestRow;
  emergencyAddress: string;
  amountWithdrawn: bigint;
}

/** Checks that there is somewhere to send and something to send, and cancels queued requests. */
async function cancelQueued(ctx: AppContext, agent: AgentRow): Promise<string> {
  return ctx.knex.transaction(async (trx) => {
    await trx.raw(`select id from agents where id = ? for update`, [agent.id]);
    const ledger = await readWithdrawalLedger(trx, agent);
    if (!ledger) throw conflict(LEDGER_NOT_READY);
    if (!ledger.emergencyAddress) throw conflict(NO_EMERGENCY_ADDRESS);
    if (ledger.available === 0n) throw badRequest("Nothing to withdraw: your available balance is 0");
    await new RequestStore(trx).cancelForPanic(agent.id, trx);
    return ledger.emergencyAddress;
  });
}

async function emergencyAddressOf(ctx: AppContext, agent: AgentRow): Promise<string> {
  const ledger = await readWithdrawalLedger(ctx.knex, agent);
  if (!ledger?.emergencyAddress) throw conflict(NO_EMERGENCY_ADDRESS);
  return ledger.emergencyAddress;
}

async function intentExists(ctx: AppContext, key: string): Promise<boolean> {
  const { rows } = await ctx.knex.raw(`select 1 from tx_intents where key = ?`, [key]);
  return rows.length > 0;
}

export async function panic(ctx: AppContext, agent: AgentRow, idempotencyKey: string | null): Promise<PanicResult> {
  const store = new RequestStore(ctx.knex);
  const earlier = idempotencyKey ? await store.byIdempotencyKey(agent.id, idempotencyKey) : undefined;
  if (earlier)
    return { request: earlier, emergencyAddress: earlier.destination, amountWithdrawn: BigInt(earlier.amount) };

  const key = `panic:${agent.id}:${idempotencyKey ?? newId()}`;
  // A retry after the panic was sent: the outbox has it, and re-checking would refuse it.
  const sent = idempotencyKey ? await intentExists(ctx, key) : false;
  const emergencyAddress = sent ? await emergencyAddressOf(ctx, agent) : await cancelQueued(ctx, agent);
  const wallet = new PublicKey(agent.wallet_address);
  const landed = await ctx.tx.execute(
    key,
    "panic",
    await panicInstructions(ctx, wallet, new PublicKey(emergencyAddress)),
  );
  await ctx.waitForSlot(landed.slot);
  const event = await eventOf(ctx.knex, landed.signature, "Panicked");
  const amountWithdrawn = BigInt(String(event?.amount ?? 0));
  const request = await store.insert({
    id: newId(),
    agentId: agent.id,
    kind: "panic",
    amount: amountWithdrawn,
    fee: 0n,
    destination: emergencyAddress,
    status: "settled",
    signature: landed.signature,
    idempotencyKey,
  });
  return { request, emergencyAddress, amountWithdrawn };
}
