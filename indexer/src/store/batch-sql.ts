/**
 * A whole batch as ONE statement: every write is a data-modifying CTE. One statement is one
 * round trip and its own transaction, so the mirror, the events and the checkpoint still
 * commit together, and the processor can decode the next batch while Postgres runs this one.
 * CTEs of one statement must not touch the same row twice; a batch holds at most one state
 * per account (see buildBatch), so an account is either upserted or closed, never both.
 *
 * The statement is shaped by its batch: a CTE only for each account type with rows to upsert,
 * the closes only when some account closed, and the events. An empty CTE still costs an
 * executor node per mirror table, and a close CTE would join every mirror table, so a batch
 * of one transaction (a type or two, no close) runs a fraction of the full statement. The
 * shapes that occur are few, each a prepared statement of its own.
 *
 * Parameters, in order: with closes, the closed accounts (JSON);
 * one JSON per upserted account type, in `upserted` order; the events (JSON); the
 * checkpoint's four; with `announce`, a NOTIFY channel and the slot to announce on it.
 * Returns one row: how many rows were upserted, closed and inserted into the event log.
 *
 * A closed account has no data left to tell its type, so every mirror table is asked, by
 * primary key (`pubkey = ANY(...)`): an estimate of the closed relation's size can then
 * never turn the lookup into a scan of the table.
 *
 * `announce`: the statement also NOTIFYs the batch's slot (slot-notifier.ts has the channel).
 * A notification is delivered when its transaction commits, so listeners hear of the slot
 * exactly when its rows are visible, and the live path spends no round trip of its own on it.
 */
import type { AccountTypeSpec } from "@justpay/db";
import { insertEventsSql, saveCheckpointSql } from "./event-sql.js";
import { closeSql, upsertSql } from "./mirror-sql.js";

export interface BatchShape {
  /** The account types with rows to upsert. */
  upserted: readonly AccountTypeSpec[];
  /** Every mirror table, asked about closed accounts when `closes`. */
  all: readonly AccountTypeSpec[];
  closes: boolean;
  announce: boolean;
}

export function batchSql(schema: string, shape: BatchShape): string {
  const ctes: string[] = [];
  if (shape.closes) {
    ctes.push("closed AS (SELECT * FROM jsonb_to_recordset(?::jsonb) AS x(pubkey text, slot bigint))");
    ctes.push("closed_keys AS (SELECT array_agg(pubkey) AS keys FROM closed)");
  }
  shape.upserted.forEach((spec, i) => {
    ctes.push(`upsert_${i} AS (${upsertSql(schema, spec)} RETURNING 1)`);
  });
  if (shape.closes)
    shape.all.forEach((spec, i) => {
      ctes.push(`close_${i} AS (${closeSql(schema, spec, "closed", "closed_keys")} RETURNING 1)`);
    });
  ctes.push(`events AS (${insertEventsSql(schema)} RETURNING 1)`);
  ctes.push(`checkpoint AS (${saveCheckpointSql(schema)})`);
  // What actually changed: upserts that lost to a newer slot and replayed events count 0.
  const count = (prefix: string, n: number) =>
    n === 0 ? "0" : Array.from({ length: n }, (_, i) => `(SELECT count(*) FROM ${prefix}_${i})`).join(" + ");
  const notify = shape.announce ? ", pg_notify(?, ?::text) AS announced" : "";
  return `WITH ${ctes.join(",\n")}
SELECT ${count("upsert", shape.upserted.length)} AS upserted, ${count("close", shape.closes ? shape.all.length : 0)} AS closed, (SELECT count(*) FROM events) AS events${notify}`;
}
