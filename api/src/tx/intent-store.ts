/**
 * Reads and writes outbox rows. Every state change is a single conditional UPDATE, so two
 * API replicas racing on the same intent cannot both act on it: the lease decides. Outcomes
 * are group-committed (db/statement-batcher.ts): the intents of concurrent requests that
 * landed together are settled in one statement.
 */

import type { IntentStatus, TxIntentRow } from "@justpay/db";
import type { Knex } from "@mikro-orm/postgresql";
import { StatementBatcher } from "../db/statement-batcher.js";
import type { SerializedInstruction } from "./serialized-instruction.js";

export interface NewIntent {
  key: string;
  label: string;
  instructions: SerializedInstruction[];
  signers: string[];
}

export interface Settlement {
  status: Extract<IntentStatus, "confirmed" | "failed" | "voided">;
  slot?: number | null;
  errorCode?: number | null;
  errorName?: string | null;
  error?: string | null;
}

export class IntentStore {
  private readonly settlements: StatementBatcher<{ key: string } & Settlement>;

  constructor(
    private readonly knex: Knex,
    private readonly table = "tx_intents",
  ) {
    this.settlements = new StatementBatcher((batch) => this.settleAll(batch));
  }

  /**
   * Inserts the intent unless its key exists; returns the stored row either way. A new row is
   * leased to its writer for `leaseMs` in the same statement: otherwise the recovery worker
   * could take it between the insert and the writer's lease, and the writer would find its own
   * fresh intent busy.
   */
  async write(intent: NewIntent, leaseMs: number): Promise<{ row: TxIntentRow; leased: boolean }> {
    const { rows } = await this.knex.raw(
      `insert into ${this.table} (key, label, status, instructions, signers, lease_until)
       values (?, ?, 'pending', ?::jsonb, ?::text[], now() + (? * interval '1 millisecond'))
       on conflict (key) do nothing returning *`,
      [intent.key, intent.label, JSON.stringify(intent.instructions), intent.signers, leaseMs],
    );
    if (rows[0]) return { row: rows[0], leased: true };
    const row = await this.get(intent.key);
    if (!row) throw new Error(`intent ${intent.key} vanished after insert`);
    return { row, leased: false };
  }

  /**
   * `write` for an intent signed before it is stored: status `signed` with its bytes, so the
   * bytes are on record before they can be broadcast, in the same one statement.
   */
  async writeSigned(
    intent: NewIntent & { signature: string; txBytes: Uint8Array },
    leaseMs: number,
  ): Promise<{ row: TxIntentRow; leased: boolean }> {
    const { rows } = await this.knex.raw(
      `insert into ${this.table} (key, label, status, instructions, signers, signature, tx_bytes, attempts, lease_until)
       values (?, ?, 'signed', ?::jsonb, ?::text[], ?, ?, 1, now() + (? * interval '1 millisecond'))
       on conflict (key) do nothing returning *`,
      [
        intent.key,
        intent.label,
        JSON.stringify(intent.instructions),
        intent.signers,
        intent.signature,
        Buffer.from(intent.txBytes),
        leaseMs,
      ],
    );
    if (rows[0]) return { row: rows[0], leased: true };
    const row = await this.get(intent.key);
    if (!row) throw new Error(`intent ${intent.key} vanished after insert`);
    return { row, leased: false };
  }

  async get(key: string): Promise<TxIntentRow | undefined> {
    const { rows } = await this.knex.raw(`select * from ${this.table} where key = ?`, [key]);
    return rows[0];
  }

  /**
   * Takes the intent for `leaseMs` if it is unsettled and nobody else holds it. Returns
   * the row when this caller now owns it.
   */
  async lease(key: string, leaseMs: number): Promise<TxIntentRow | undefined> {
    const { rows } = await this.knex.raw(
      `update ${this.table} set lease_until = now() + (? * interval '1 millisecond'), updated_at = now()
       where key = ? and status in ('pending', 'signed') and (lease_until is null or lease_until < now())
       returning *`,
      [leaseMs, key],
    );
    return rows[0];
  }

  /** Records signed bytes before they are broadcast. */
  async recordSigned(key: string, signature: string, txBytes: Uint8Array): Promise<void> {
    await this.knex.raw(
      `update ${this.table} set status = 'signed', signature = ?, tx_bytes = ?, attempts = attempts + 1,
       updated_at = now() where key = ? and status in ('pending', 'signed')`,
      [signature, Buffer.from(txBytes), key],
    );
  }

  /** Records an outcome; resolves once it is committed. Only an unsettled intent changes. */
  settle(key: string, s: Settlement): Promise<void> {
    return this.settlements.submit({ key, ...s });
  }

  /**
   * By primary key (`key = any(...)`), and the unsettled test written so that it cannot pick
   * the status index instead: that index holds an entry for every status an intent ever had,
   * and a plan through it reads them all.
   */
  private async settleAll(batch: ({ key: string } & Settlement)[]): Promise<void> {
    const outcomes = batch.map((s) => ({
      key: s.key,
      status: s.status,
      slot: s.slot ?? null,
      error_code: s.errorCode ?? null,
      error_name: s.errorName ?? null,
      error: s.error ?? null,
    }));
    await this.knex.raw(
      `update ${this.table} t set status = x.status, slot = x.slot, error_code = x.error_code,
              error_name = x.error_name, error = x.error, lease_until = null, updated_at = now()
       from jsonb_to_recordset(?::jsonb)
            as x(key text, status text, slot bigint, error_code int, error_name text, error text)
       where t.key = any(?::text[]) and t.key = x.key and t.status not in ('confirmed', 'failed', 'voided')`,
      [JSON.stringify(outcomes), outcomes.map((o) => o.key)],
    );
  }

  async release(key: string): Promise<void> {
    await this.knex.raw(`update ${this.table} set lease_until = null where key = ?`, [key]);
  }

  /** Unsettled intents whose lease is free: what a crashed process left behind. */
  async unsettled(limit = 500): Promise<TxIntentRow[]> {
    const { rows } = await this.knex.raw(
      `select * from ${this.table} where status in ('pending', 'signed')
       and (lease_until is null or lease_until < now()) order by created_at limit ?`,
      [limit],
    );
    return rows;
  }
}
