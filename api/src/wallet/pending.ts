/**
 * Withdrawals accepted by the API and not yet settled on-chain: the balance's `pending`.
 *
 * For the withdrawals module to fill in once its queue table exists: return the sum, in
 * micro-USDC, of the agent's withdrawals that are queued or being sent and whose `withdraw`
 * has not landed. Those amounts are still in the on-chain ledger's `available`, so the
 * balance shows `available = ledger.available − pending` and `total` stays the ledger's.
 */
import type { AppContext } from "../context.js";

export async function pendingWithdrawals(_ctx: AppContext, _agentId: string): Promise<bigint> {
  return 0n;
}
