/**
 * What a withdrawal is checked against, read from the mirror in one statement so that the
 * balance and the pending sum come from one snapshot. The indexer commits an account's new
 * state and the transaction's events together (docs/indexer.md), so a queued withdrawal
 * whose transaction already shows in `events` is already taken out of `available`, and is
 * not pending any more: nothing is counted twice, nothing is missed.
 */
import type { Knex } from "@mikro-orm/postgresql";
import { ZERO_KEY } from "./instructions.js";

const WITHDRAW_KEY_PREFIX = "withdraw:";

/** The outbox key of a queued withdrawal: its request id. */
export const withdrawIntentKey = (requestId: string) => `${WITHDRAW_KEY_PREFIX}${requestId}`;

/** Σ of the agent's (`?`) queued withdrawals that the mirrored balance does not show yet. */
export const PENDING_SQL = `
  select coalesce(sum(r.amount), 0) from withdrawal_requests r
  left join tx_intents i on i.key = '${WITHDRAW_KEY_PREFIX}' || r.id
  where r.agent_id = ? and r.status = 'queued'
    and not exists (select 1 from events e where e.signature = i.signature)`;

export interface WithdrawalLedger {
  /** The mirrored ledger balance (pending withdrawals not deducted). */
  available: bigint;
  pending: bigint;
  withdrawalAddress: string | null;
  emergencyAddress: string | null;
  /** Unix seconds; withdrawals are refused before it. */
  cooldownUntil: bigint;
  withdrawMinimum: bigint;
  withdrawFee: bigint;
}

const orNull = (address: string) => (address === ZERO_KEY ? null : address);

/** The agent's ledger as mirrored, or undefined before its on-chain account is indexed. */
export async function readWithdrawalLedger(
  knex: Knex,
  agent: { id: string; wallet_address: string },
): Promise<WithdrawalLedger | undefined> {
  const { rows } = await knex.raw(
    `select a.available, a.withdrawal_address, a.emergency_address, a.cooldown_until,
            c.withdraw_minimum, c.withdraw_fee, (${PENDING_SQL}) as pending
     from chain_agent a
     cross join (select withdraw_minimum, withdraw_fee from chain_config where closed_at is null limit 1) c
     where a.wallet = ? and a.closed_at is null`,
    [agent.id, agent.wallet_address],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    available: BigInt(row.available),
    pending: BigInt(row.pending),
    withdrawalAddress: orNull(row.withdrawal_address),
    emergencyAddress: orNull(row.emergency_address),
    cooldownUntil: BigInt(row.cooldown_until),
    withdrawMinimum: BigInt(row.withdraw_minimum),
    withdrawFee: BigInt(row.withdraw_fee),
  };
}

/** A unix time in seconds (the chain's clock) as ISO 8601. */
export const isoFromUnix = (seconds: bigint) => new Date(Number(seconds) * 1000).toISOString();

/** 409 until the indexer has mirrored the agent's on-chain ledger (right after registration). */
export const LEDGER_NOT_READY = "Your on-chain wallet ledger is not indexed yet; retry in a moment";
