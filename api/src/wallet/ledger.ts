/**
 * An agent's money state as the indexer mirrored it (`chain_agent` and the accounts that hold
 * its escrow). The API never computes these numbers; it reads what the chain says.
 */
import type { Knex } from "@mikro-orm/postgresql";

/** The zero key, which the program stores for "no address". */
export const NO_ADDRESS = "11111111111111111111111111111111";

export interface Ledger {
  available: bigint;
  /** Open jobs the agent funded (amount + fee), its campaigns' pools and their tasks in progress. */
  escrowed: bigint;
  activated: boolean;
  emergencyAddress: string | null;
  withdrawalAddress: string | null;
  /** Unix seconds; withdrawals are refused before it. */
  cooldownUntil: bigint;
  /** The platform's cooldown length, to tell when the address changed. */
  cooldownSeconds: bigint;
}

const address = (a: string | null) => (a && a !== NO_ADDRESS ? a : null);

/** Null when the agent's ledger is not mirrored (not registered on-chain yet). */
export async function readLedger(knex: Knex, wallet: string): Promise<Ledger | null> {
  const { rows } = await knex.raw(
    `select a.available, a.activated, a.emergency_address, a.withdrawal_address, a.cooldown_until,
            (select cooldown_seconds from chain_config where closed_at is null limit 1) as cooldown_seconds,
            coalesce((select sum(amount + fee) from chain_job where client = a.wallet and closed_at is null), 0)
          + coalesce((select sum(pool) from chain_campaign where owner = a.wallet and closed_at is null), 0)
          + coalesce((select sum(t.amount + t.fee) from chain_task t join chain_campaign c on c.pubkey = t.campaign
                      where c.owner = a.wallet and t.closed_at is null), 0) as escrowed
       from chain_agent a where a.wallet = ? and a.closed_at is null`,
    [wallet],
  );
  const r = rows[0] as Record<string, string | number | null> | undefined;
  if (!r) return null;
  return {
    available: BigInt(r.available as string),
    escrowed: BigInt(r.escrowed as string),
    activated: Number(r.activated) !== 0,
    emergencyAddress: address(r.emergency_address as string | null),
    withdrawalAddress: address(r.withdrawal_address as string | null),
    cooldownUntil: BigInt(r.cooldown_until ?? 0),
    cooldownSeconds: BigInt(r.cooldown_seconds ?? 86_400),
  };
}
