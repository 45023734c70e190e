/**
 * `PUT /wallet/withdrawal-address`: runs `set_withdrawal_address` and reports what the chain
 * did. The program's `WithdrawalAddressSet` event says whether this was the first address or
 * a change (it is not emitted when the address stays the same), and the mirror, once caught
 * up with the transaction, gives the cooldown the program started.
 */

import type { AgentRow } from "@justpay/db";
import { PublicKey } from "@solana/web3.js";
import type { AppContext } from "../context.js";
import { newId } from "../db/ids.js";
import { badRequest, conflict } from "../http/http-error.js";
import { notifyAddressChanged } from "./address-changed-notice.js";
import { setWithdrawalAddressInstructions, ZERO_KEY } from "./instructions.js";
import { isoFromUnix, LEDGER_NOT_READY, readWithdrawalLedger } from "./ledger.js";
import { eventOf } from "./program-events.js";
import { payoutAddressProblem } from "./withdrawal-address.js";

export interface AddressSetResult {
  changed: boolean;
  /** ISO 8601 while a cooldown runs, else null. */
  cooldownUntil: string | null;
}

export async function setWithdrawalAddress(
  ctx: AppContext,
  agent: AgentRow,
  address: string,
): Promise<AddressSetResult> {
  const target = new PublicKey(address);
  const problem = await payoutAddressProblem(ctx, agent.wallet_address, target);
  if (problem) throw badRequest(`address: ${problem}`);
  const wallet = new PublicKey(agent.wallet_address);
  // Each PUT is its own transaction: setting A, B, then A again are three changes.
  const key = `withdrawal-address:${agent.id}:${newId()}`;
  const instructions = await setWithdrawalAddressInstructions(ctx, wallet, target);
  const landed = await ctx.tx.execute(key, "set_withdrawal_address", instructions);
  await ctx.waitForSlot(landed.slot);
  const ledger = await readWithdrawalLedger(ctx.knex, agent);
  if (!ledger) throw conflict(LEDGER_NOT_READY);
  const event = await eventOf(ctx.knex, landed.signature, "WithdrawalAddressSet");
  const previous = event ? String(event.previous) : undefined;
  const now = await ctx.chain.unixTime();
  const cooldownUntil = ledger.cooldownUntil > now ? isoFromUnix(ledger.cooldownUntil) : null;
  if (previous === undefined || previous === ZERO_KEY) return { changed: false, cooldownUntil };
  await notifyAddressChanged(ctx, agent.id, {
    previousAddress: previous,
    newAddress: address,
    cooldownUntil: isoFromUnix(ledger.cooldownUntil),
    signature: landed.signature,
  });
  return { changed: true, cooldownUntil: isoFromUnix(ledger.cooldownUntil) };
}
