/**
 * Whether an admin has verified an agent (`agents.verified_at`, see verification.ts): the
 * trust score's verification input, read inside the recompute's transaction.
 */
import type { Knex } from "@mikro-orm/postgresql";

export async function isVerified(trx: Knex, agentId: string): Promise<boolean> {
  const row = await trx("agents").where({ id: agentId }).first("verified_at");
  return Boolean(row?.verified_at);
}
