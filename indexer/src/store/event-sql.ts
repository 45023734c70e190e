/** The event log and checkpoint SQL; same one-JSON-parameter shape as the mirror's. */
import { qualified } from "./mirror-sql.js";

export function insertEventsSql(schema: string): string {
  return `INSERT INTO ${qualified(schema, "events")} (signature, event_index, slot, name, data, mentions, block_time)
SELECT x.signature, x.event_index, x.slot, x.name, x.data, x.mentions, to_timestamp(x.block_time)
FROM jsonb_to_recordset(?::jsonb)
  AS x(signature text, event_index integer, slot bigint, name text, data jsonb, mentions text[], block_time bigint)
ON CONFLICT (signature, event_index) DO NOTHING`;
}

/**
 * Parameters: source, slot, signature, and the slot again (null skips the write). The
 * checkpoint only moves forward: a replayed older batch (buffered live items drained after
 * a backfill) must not send the next restart's backfill further back than needed.
 */
export function saveCheckpointSql(schema: string): string {
  return `INSERT INTO ${qualified(schema, "indexer_checkpoints")} AS t (source, last_slot, last_signature, updated_at)
SELECT ?, ?::bigint, ?, now() WHERE ?::bigint IS NOT NULL
ON CONFLICT (source) DO UPDATE SET
  last_slot = GREATEST(t.last_slot, excluded.last_slot),
  last_signature = CASE
    WHEN excluded.last_signature IS NOT NULL AND excluded.last_slot >= t.last_slot THEN excluded.last_signature
    ELSE t.last_signature END,
  updated_at = now()`;
}

export function loadCheckpointSql(schema: string): string {
  return `SELECT source, last_slot, last_signature FROM ${qualified(schema, "indexer_checkpoints")} WHERE source = ?`;
}
