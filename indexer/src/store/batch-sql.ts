/**
 * A whole batch as ONE statement: every write is a data-modifying CTE. One statement is one
 * round trip and its own transaction, so the mirror, the events and the checkpoint still
 * commit together, and the processor can decode the next batch while Postgres runs this one.
 * CTEs of one statement must not touch the same row twice; a batch holds at most one state
 * per account (see buildBatch), so an account is either upserted or closed, never both.
 *
 * Parameters, in order: the closed accounts (JSON), one JSON per account type for the
 * upserts, the events (JSON), then the checkpoint's four, and with `announce` a NOTIFY
 * channel and the slot to announce on it. Returns one row: how many rows were upserted,
 * closed and inserted into the event log.
 *
 * `announce`: the statement also NOTIFYs the batch's slot (slot-notifier.ts has the channel).
 * A notification is delivered when its transaction commits, so listeners hear of the slot
 * exactly when its rows are visible, and the live path spends no round trip of its own on it.
 */
import type { AccountTypeSpec } from "@justpay/db";
import { insertEventsSql, saveCheckpointSql } from "./event-sql.js";
import { closeSql, upsertSql } from "./mirror-sql.js";

export function batchSql(schema: string, specs: readonly AccountTypeSpec[], announce = false): string {
  const ctes = ["closed AS (SELECT * FROM jsonb_to_recordset(?::jsonb) AS x(pubkey text, slot bigint))"];
  specs.forEach((spec, i) => {
    ctes.push(`upsert_${i} AS (${upsertSql(schema, spec)} RETURNING 1)`);
  });
  // A closed account has no data left to tell its type, so every mirror table is asked.
  specs.forEach((spec, i) => {
    ctes.push(`close_${i} AS (${closeSql(schema, spec, "closed")} RETURNING 1)`);
  });
  ctes.push(`events AS (${insertEventsSql(schema)} RETURNING 1)`);
  ctes.push(`checkpoint AS (${saveCheckpointSql(schema)})`);
  // What actually changed: upserts that lost to a newer slot and replayed events count 0.
  const count = (prefix: string) =>
    specs.length === 0 ? "0" : specs.map((_, i) => `(SELECT count(*) FROM ${prefix}_${i})`).join(" + ");
  const notify = announce ? ", pg_notify(?, ?::text) AS announced" : "";
  return `WITH ${ctes.join(",\n")}
SELECT ${count("upsert")} AS upserted, ${count("close")} AS closed, (SELECT count(*) FROM events) AS events${notify}`;
}
