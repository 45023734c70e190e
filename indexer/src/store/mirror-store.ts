/**
 * The indexer's only writer to Postgres. One `write()` is one statement, so one transaction:
 * the mirror upserts and closes, the new events and the checkpoint commit together, and a
 * crash never leaves a checkpoint ahead of the data it vouches for.
 */

import type { AccountTypeSpec } from "@justpay/db";
import type { Knex } from "@mikro-orm/postgresql";
import type { RowValues } from "../decode/account-decoder.js";
import type { JsonValue } from "../idl/values.js";
import { batchSql } from "./batch-sql.js";
import { loadCheckpointSql } from "./event-sql.js";
import { closeMissingSql } from "./mirror-sql.js";

export interface AccountRow {
  pubkey: string;
  slot: number;
  values: RowValues;
}

export interface ClosedAccount {
  pubkey: string;
  slot: number;
}

export interface EventRecord {
  signature: string;
  slot: number;
  index: number;
  name: string;
  data: { [key: string]: JsonValue };
  mentions: string[];
  /** Unix seconds, when the source knows it. */
  blockTime: number | null;
}

export interface Checkpoint {
  source: string;
  slot: number;
  /** Newest transaction whose events are recorded; the backfill's `until`. */
  signature: string | null;
}

export interface WriteBatch {
  /** Keyed by IDL account name; at most one row per pubkey across upserts and closes. */
  upserts: Map<string, AccountRow[]>;
  closes: ClosedAccount[];
  events: EventRecord[];
  checkpoint: Checkpoint | null;
}

/** Rows that actually changed: stale upserts, no-op closes and replayed events do not count. */
export interface WriteResult {
  upserted: number;
  closed: number;
  events: number;
}

/** A NOTIFY the batch's own statement sends on commit (batch-sql.ts). */
export interface Announcement {
  channel: string;
  slot: number;
}

export class MirrorStore {
  /** The batch statement per shape (batch-sql.ts), built on first use. */
  private readonly batchStatements = new Map<string, string>();
  private readonly closeMissingStatements: string[];
  private readonly loadCheckpointStatement: string;

  constructor(
    private readonly knex: Knex,
    readonly schema: string,
    readonly specs: readonly AccountTypeSpec[],
  ) {
    this.closeMissingStatements = specs.map((s) => closeMissingSql(schema, s));
    this.loadCheckpointStatement = loadCheckpointSql(schema);
  }

  /** One statement, hence one transaction and one round trip; `announce` rides on it. */
  async write(batch: WriteBatch, announce?: Announcement): Promise<WriteResult> {
    for (const typeName of batch.upserts.keys()) {
      if (!this.specs.some((s) => s.name === typeName)) throw new Error(`no mirror table for account type ${typeName}`);
    }
    const upserted = this.specs.filter((spec) => (batch.upserts.get(spec.name)?.length ?? 0) > 0);
    const closes = batch.closes.length > 0;
    const params: unknown[] = [];
    if (closes) params.push(JSON.stringify(batch.closes));
    for (const spec of upserted) {
      const rows = batch.upserts.get(spec.name)!;
      params.push(JSON.stringify(rows.map((r) => ({ ...r.values, pubkey: r.pubkey, slot: r.slot }))));
    }
    params.push(
      JSON.stringify(
        batch.events.map((e) => ({
          signature: e.signature,
          event_index: e.index,
          slot: e.slot,
          name: e.name,
          data: e.data,
          mentions: e.mentions,
          block_time: e.blockTime,
        })),
      ),
    );
    const c = batch.checkpoint;
    params.push(c?.source ?? null, c?.slot ?? null, c?.signature ?? null, c?.slot ?? null);
    if (announce) params.push(announce.channel, String(announce.slot));
    const sql = this.statementFor(upserted, closes, announce !== undefined);
    const r = await this.knex.raw(sql, params as never[]);
    const row = (r as { rows: { upserted: string; closed: string; events: string }[] }).rows[0];
    return { upserted: Number(row?.upserted ?? 0), closed: Number(row?.closed ?? 0), events: Number(row?.events ?? 0) };
  }

  private statementFor(upserted: AccountTypeSpec[], closes: boolean, announce: boolean): string {
    const shape = `${upserted.map((s) => s.name).join(",")}|${closes}|${announce}`;
    let sql = this.batchStatements.get(shape);
    if (sql === undefined) {
      sql = batchSql(this.schema, { upserted, all: this.specs, closes, announce });
      this.batchStatements.set(shape, sql);
    }
    return sql;
  }

  /** After a snapshot at `slot`: every open row not in `present` was closed while we were away. */
  async closeMissing(slot: number, present: readonly string[]): Promise<number> {
    const json = JSON.stringify(present);
    let closed = 0;
    await this.knex.transaction(async (trx) => {
      for (const sql of this.closeMissingStatements) {
        const r = await trx.raw(sql, [slot, slot, json]);
        closed += (r as { rowCount: number }).rowCount;
      }
    });
    return closed;
  }

  async loadCheckpoint(source: string): Promise<Checkpoint | null> {
    const r = await this.knex.raw(this.loadCheckpointStatement, [source]);
    const row = (r as { rows: { last_slot: string; last_signature: string | null }[] }).rows[0];
    return row ? { source, slot: Number(row.last_slot), signature: row.last_signature } : null;
  }
}
