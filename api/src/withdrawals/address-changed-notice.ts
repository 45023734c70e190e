/**
 * The `wallet.address_changed` webhook, through the agents module's `notifyAgent`. A failure
 * to enqueue is logged, never turned into an error: the address did change on-chain, and the
 * answer must say so.
 */
import { notifyAgent } from "../agents/notify.js";
import type { AppContext } from "../context.js";

export interface AddressChanged {
  previousAddress: string;
  newAddress: string;
  /** ISO 8601: no withdrawal before this. */
  cooldownUntil: string;
  /** The `set_withdrawal_address` transaction. */
  signature: string;
}

export async function notifyAddressChanged(ctx: AppContext, agentId: string, data: AddressChanged): Promise<void> {
  try {
    // One delivery per on-chain change, however often this runs for it.
    await notifyAgent(ctx, agentId, "wallet.address_changed", data, { id: `address-changed-${data.signature}` });
  } catch (err) {
    ctx.log.error({ err, agentId }, "could not enqueue the wallet.address_changed webhook");
  }
}
