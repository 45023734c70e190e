/**
 * An agent's money state as the indexer mirrored it: the agents module's `readWalletState`
 * (available, escrowed, activation, addresses; one definition of "escrowed" for the profile
 * and the balance), plus the withdrawal cooldown the balance's warning needs.
 */
import type { Knex } from "@mikro-orm/postgresql";
import { readWalletState, type WalletState } from "../agents/wallet-state.js";

export interface Ledger extends WalletState {
  /** Unix seconds; withdrawals are refused before it. 0 when the address never changed. */
  cooldownUntil: bigint;
  /** The platform's cooldown length, to tell when the address changed. */
  cooldownSeconds: bigint;
}

/** Null when the agent's ledger is not mirrored (not registered on-chain yet). */
export async function readLedger(knex: Knex, wallet: string): Promise<Ledger | null> {
  // Two independent reads of the same mirror, in parallel on the pool.
  const [{ rows }, state] = await Promise.all([
    knex.raw(
      `select a.cooldown_until, (select cooldown_seconds from chain_config where closed_at is null limit 1) as cooldown_seconds
       from chain_agent a where a.wallet = ? and a.closed_at is null`,
      [wallet],
    ),
    readWalletState(knex, wallet),
  ]);
  const r = rows[0] as { cooldown_until: string | null; cooldown_seconds: string | null } | undefined;
  if (!r) return null;
  return {
    ...state,
    cooldownUntil: BigInt(r.cooldown_until ?? 0),
    cooldownSeconds: BigInt(r.cooldown_seconds ?? 86_400),
  };
}
