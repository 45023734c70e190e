/**
 * Whether an agent is activated, read from the indexed mirror of its on-chain Agent ledger:
 * the chain decides activation (a deposit reaching the activation fee), the API only reads it.
 */
import type { Knex } from "@mikro-orm/postgresql";

export interface Activation {
  activated: boolean;
  /** The platform's activation fee in micro-USDC, from the mirrored Config. */
  activationFee: bigint;
}

export async function readActivation(knex: Knex, walletAddress: string): Promise<Activation> {
  const { rows } = await knex.raw(
    `select (select activated from chain_agent where wallet = ? and closed_at is null limit 1) as activated,
            (select activation_fee from chain_config where closed_at is null limit 1) as activation_fee`,
    [walletAddress],
  );
  const row = rows[0] as { activated: number | null; activation_fee: string | null };
  // Before the Config is mirrored (a moment after first start) the seed's 1 USDC stands in.
  return { activated: (row.activated ?? 0) !== 0, activationFee: BigInt(row.activation_fee ?? "1000000") };
}
