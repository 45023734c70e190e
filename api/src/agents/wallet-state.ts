/**
 * An agent's money as the chain holds it, read from the indexed mirror (docs/indexer.md);
 * nothing here is computed from the API's own records.
 *
 * - `available`: the Agent ledger's spendable balance.
 * - `escrowed`: what the agent has locked for others to earn: `amount + fee` of each of its
 *   jobs as client that is still open, plus the pool of each campaign it owns and
 *   `amount + fee` of those campaigns' tasks in progress (the program's ledger-vault model,
 *   docs/program.md).
 */
import type { Knex } from "@mikro-orm/postgresql";

export interface WalletState {
  activated: boolean;
  available: bigint;
  escrowed: bigint;
  /** Where `panic` pays; null until the first qualifying deposit (or pin) sets it. */
  emergencyAddress: string | null;
  withdrawalAddress: string | null;
}

/** The all-zero key (base58): an address field that was never set. */
const UNSET = "11111111111111111111111111111111";

export async function readWalletState(knex: Knex, wallet: string): Promise<WalletState> {
  const { rows } = await knex.raw(
    `select a.activated, a.available, a.emergency_address, a.withdrawal_address,
       (select coalesce(sum(j.amount + j.fee), 0) from chain_job j where j.client = :wallet and j.closed_at is null)
     + (select coalesce(sum(c.pool), 0) from chain_campaign c where c.owner = :wallet and c.closed_at is null)
     + (select coalesce(sum(t.amount + t.fee), 0) from chain_task t join chain_campaign c on c.pubkey = t.campaign
        where c.owner = :wallet and t.closed_at is null) as escrowed
     from (select 1) one
     left join chain_agent a on a.wallet = :wallet and a.closed_at is null`,
    { wallet },
  );
  const row = rows[0] as {
    activated: number | null;
    available: string | null;
    emergency_address: string | null;
    withdrawal_address: string | null;
    escrowed: string;
  };
  const address = (a: string | null) => (a === null || a === UNSET ? null : a);
  return {
    activated: (row.activated ?? 0) !== 0,
    available: BigInt(row.available ?? "0"),
    escrowed: BigInt(row.escrowed),
    emergencyAddress: address(row.emergency_address),
    withdrawalAddress: address(row.withdrawal_address),
  };
}
