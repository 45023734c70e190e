/**
 * The balance's `pending`: the agent's queued withdrawals that the mirrored `available` does
 * not show yet (see withdrawals/ledger.ts). Spendable = mirrored available − this.
 */
import type { AppContext } from "../context.js";
import { PENDING_SQL } from "../withdrawals/ledger.js";

export async function pendingWithdrawals(ctx: AppContext, agentId: string): Promise<bigint> {
  const { rows } = await ctx.knex.raw(`select (${PENDING_SQL}) as pending`, [agentId]);
  return BigInt(rows[0].pending);
}
