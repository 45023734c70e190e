/**
 * The indexer's only writer to Postgres. One `write()` is one transaction: the mirror
 * upserts and closes, the new events and the checkpoint commit together, so a crash never
 * leaves a checkpoint ahead of the data it vouches for.
 */
import type { Knex } from "@mikro-orm/postgresql";
import type { RowValues } from "../decode/account-decoder.js";
import type { AccountTypeSpec } from "../idl/account-types.js";
import type { JsonValue } from "../idl/values.js";
import { insertEventsSql, loadCheckpointSql, saveCheckpointSql } from "./event-sql.js";
import { type MirrorStatements, mirrorStatements } from "./mirror-sql.js";

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

export class MirrorStore {
  private readonly statements: Map<string, MirrorStatements>;
  private readonly insertEvents: string;
  private readonly saveCheckpoint: string;
  private readonly loadCheckpointStatement: string;

  constructor(
    private readonly knex: Knex,
    readonly schema: string,
    readonly specs: readonly AccountTypeSpec[],
  ) {
    this.statements = new Map(specs.map((s) => [s.name, mirrorStatements(schema, s)]));
    this.insertEvents = insertEventsSql(schema);
    this.saveCheckpoint = saveCheckpointSql(schema);
    this.loadCheckpointStatement = loadCheckpointSql(schema);
  }

  async write(batch: WriteBatch): Promise<void> {
    await this.knex.transaction(async (trx) => {
      for (const [typeName, rows] of batch.upserts) {
        if (rows.length === 0) continue;
        const json = JSON.stringify(rows.map((r) => ({ ...r.values, pubkey: r.pubkey, slot: r.slot })));
        await trx.raw(this.statement(typeName).upsert, [json]);
      }
      if (batch.closes.length > 0) {
        // A closed account has no data left to tell its type, so every mirror table is asked.
        const json = JSON.stringify(batch.closes);
        for (const s of this.statements.values()) await trx.raw(s.close, [json]);
      }
      if (batch.events.length > 0) {
        const json = JSON.stringify(
          batch.events.map((e) => ({
            signature: e.signature,
            event_index: e.index,
            slot: e.slot,
            name: e.name,
            data: e.data,
            mentions: e.mentions,
            block_time: e.blockTime,
          })),
        );
        await trx.raw(this.insertEvents, [json]);
      }
      if (batch.checkpoint) {
        const c = batch.checkpoint;
        await trx.raw(this.saveCheckpoint, [c.source, c.slot, c.signature]);
      }
    });
  }

  /** After a snapshot at `slot`: every open row not in `present` was closed while we were away. */
  async closeMissing(slot: number, present: readonly string[]): Promise<number> {
    const json = JSON.stringify(present);
    let closed = 0;
    await this.knex.transaction(async (trx) => {
      for (const s of this.statements.values()) {
        const r = await trx.raw(s.closeMissing, [slot, slot, json]);
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

  private statement(typeName: string): MirrorStatements {
    const s = this.statements.get(typeName);
    if (!s) throw new Error(`no mirror table for account type ${typeName}`);
    return s;
  }
}
