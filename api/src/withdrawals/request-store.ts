/**
 * The SQL of `withdrawal_requests`. Every transition is one conditional UPDATE on a queued
 * row, so the worker starting a request and a panic cancelling it cannot both win: Postgres
 * locks the row and re-checks the condition for whichever comes second.
 */

import type { WithdrawalKind, WithdrawalRequestRow } from "@justpay/db";
import type { Knex } from "@mikro-orm/postgresql";

export interface NewRequest {
  id: string;
  agentId: string;
  kind: WithdrawalKind;
  amount: bigint;
  fee: bigint;
  destination: string;
  status: "queued" | "settled";
  signature?: string;
  idempotencyKey?: string | null;
}

/** Why a panic fails the requests it overtakes. */
export const CANCELLED_BY_PANIC =
  "Cancelled: an emergency panic withdrawal sent the whole balance to the emergency address";

export class RequestStore {
  constructor(private readonly knex: Knex) {}

  async insert(r: NewRequest, knex: Knex = this.knex): Promise<WithdrawalRequestRow> {
    const { rows } = await knex.raw(
      `insert into withdrawal_requests (id, agent_id, kind, amount, fee, destination, status, signature, idempotency_key)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning *`,
      [
        r.id,
        r.agentId,
        r.kind,
        r.amount.toString(),
        r.fee.toString(),
        r.destination,
        r.status,
        r.signature ?? null,
        r.idempotencyKey ?? null,
      ],
    );
    return rows[0];
  }

  async get(id: string): Promise<WithdrawalRequestRow | undefined> {
    const { rows } = await this.knex.raw(`select * from withdrawal_requests where id = ?`, [id]);
    return rows[0];
  }

  async byIdempotencyKey(agentId: string, key: string, knex: Knex = this.knex) {
    const { rows } = await knex.raw(`select * from withdrawal_requests where agent_id = ? and idempotency_key = ?`, [
      agentId,
      key,
    ]);
    return rows[0] as WithdrawalRequestRow | undefined;
  }

  /** The worker takes a queued request; undefined when it is no longer queued (cancelled). */
  async start(id: string): Promise<WithdrawalRequestRow | undefined> {
    const { rows } = await this.knex.raw(
      `update withdrawal_requests set started_at = coalesce(started_at, now()), updated_at = now()
       where id = ? and status = 'queued' returning *`,
      [id],
    );
    return rows[0];
  }

  async settle(id: string, signature: string, fee: bigint): Promise<void> {
    await this.knex.raw(
      `update withdrawal_requests set status = 'settled', signature = ?, fee = ?, updated_at = now()
       where id = ? and status = 'queued'`,
      [signature, fee.toString(), id],
    );
  }

  /** `onlyUnstarted`: refuse to fail a request the worker may be sending right now. */
  async fail(id: string, error: string, onlyUnstarted = false): Promise<boolean> {
    const { rowCount } = await this.knex.raw(
      `update withdrawal_requests set status = 'failed', error = ?, updated_at = now()
       where id = ? and status = 'queued' ${onlyUnstarted ? "and started_at is null" : ""}`,
      [error, id],
    );
    return rowCount > 0;
  }

  /**
   * Fails the agent's queued requests the worker has not started. Started ones may be on
   * their way to the chain; the program orders them against the panic (one lands first,
   * the other finds the balance gone and is refused).
   */
  async cancelForPanic(agentId: string, knex: Knex = this.knex): Promise<string[]> {
    const { rows } = await knex.raw(
      `update withdrawal_requests set status = 'failed', error = ?, updated_at = now()
       where agent_id = ? and status = 'queued' and started_at is null returning id`,
      [CANCELLED_BY_PANIC, agentId],
    );
    return rows.map((r: { id: string }) => r.id);
  }
}
