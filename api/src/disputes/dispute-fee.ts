/**
 * The dispute fee as the program charges it (SEED_API.md: 5 % of the amount, clamped to
 * 0.10-5 USDC), from the mirrored config's `dispute_fee_bps`, `dispute_fee_min` and
 * `dispute_fee_max`. The API computes it only to refuse, with a clear message, a claimant who
 * cannot pay; the program charges its own computation.
 */
import type { Knex } from "@mikro-orm/postgresql";

export async function disputeFee(knex: Knex, amount: bigint): Promise<bigint> {
  const { rows } = await knex.raw(
    `select dispute_fee_bps, dispute_fee_min, dispute_fee_max from chain_config where closed_at is null limit 1`,
  );
  const c = rows[0] as { dispute_fee_bps: number; dispute_fee_min: string; dispute_fee_max: string };
  const fee = (amount * BigInt(c.dispute_fee_bps)) / 10_000n;
  const [min, max] = [BigInt(c.dispute_fee_min), BigInt(c.dispute_fee_max)];
  return fee < min ? min : fee > max ? max : fee;
}
