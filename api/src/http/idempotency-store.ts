/**
 * The SQL of the Idempotency-Key record. Claiming is one conditional statement, so of any
 * number of concurrent duplicates exactly one becomes the owner (the primary key decides);
 * the others read the row and wait for its response.
 */

import type { IdempotencyKeyRow } from "@justpay/db";
import type { Knex } from "@mikro-orm/postgresql";

export interface Claimed {
  row: IdempotencyKeyRow;
  /** This caller now runs the request and must finish or release the key. */
  owned: boolean;
}

export class IdempotencyStore {
  constructor(private readonly knex: Knex) {}

  /**
   * Owns the key when it is new, or when its owner's lease ran out before it answered (the
   * process died): handlers run under a key must therefore be safe to run again.
   */
  async claim(agentId: string, key: string, requestHash: string, leaseMs: number): Promise<Claimed> {
    const inserted = await this.knex.raw(
      `insert into idempotency_keys (agent_id, key, request_hash, status, locked_until)
       values (?, ?, ?, 'in_progress', now() + (? * interval '1 millisecond'))
       on conflict (agent_id, key) do nothing returning *`,
      [agentId, key, requestHash, leaseMs],
    );
    if (inserted.rows[0]) return { row: inserted.rows[0], owned: true };
    const taken = await this.knex.raw(
      `update idempotency_keys set locked_until = now() + (? * interval '1 millisecond'), updated_at = now()
       where agent_id = ? and key = ? and request_hash = ? and status = 'in_progress' and locked_until < now()
       returning *`,
      [leaseMs, agentId, key, requestHash],
    );
    if (taken.rows[0]) return { row: taken.rows[0], owned: true };
    const { rows } = await this.knex.raw(`select * from idempotency_keys where agent_id = ? and key = ?`, [
      agentId,
      key,
    ]);
    if (!rows[0]) return this.claim(agentId, key, requestHash, leaseMs); // released meanwhile
    return { row: rows[0], owned: false };
  }

  /** Stores the first response; every later request with the key gets it back. */
  async finish(agentId: string, key: string, status: number, body: string): Promise<void> {
    await this.knex.raw(
      `update idempotency_keys set status = 'done', response_status = ?, response_body = ?, updated_at = now()
       where agent_id = ? and key = ? and status = 'in_progress'`,
      [status, body, agentId, key],
    );
  }

  /** Forgets an unfinished key, so that a retry runs the request again. */
  async release(agentId: string, key: string): Promise<void> {
    await this.knex.raw(`delete from idempotency_keys where agent_id = ? and key = ? and status = 'in_progress'`, [
      agentId,
      key,
    ]);
  }

  /**
   * Forgets answered keys older than `retentionMs`, and unfinished ones whose owner's lease ran
   * out that long ago (the owner died and nobody retried). Returns how many went.
   */
  async prune(retentionMs: number): Promise<number> {
    const cutoff = `now() - (? * interval '1 millisecond')`;
    const { rowCount } = await this.knex.raw(
      `delete from idempotency_keys
       where (status = 'done' and updated_at < ${cutoff}) or (status = 'in_progress' and locked_until < ${cutoff})`,
      [retentionMs, retentionMs],
    );
    return rowCount ?? 0;
  }
}
