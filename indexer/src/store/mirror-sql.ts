/**
 * The SQL of the write path, generated once per account type. Each statement takes one
 * parameter, a JSON array of rows unpacked by `jsonb_to_recordset`, so a batch of any size is
 * one round trip and one plan, with no 65 535-parameter ceiling.
 */

import { quoteIdent as q } from "../db/orm.js";
import type { AccountTypeSpec } from "../idl/account-types.js";

export interface MirrorStatements {
  /** Newer slot wins; equal slots let the later write win, since the stream is in order. */
  upsert: string;
  /** Keeps the row, stamps `closed_at` the first time it is seen closed. */
  close: string;
  /** Rows still open that a snapshot at `slot` did not contain were closed during a gap. */
  closeMissing: string;
}

export function qualified(schema: string, table: string): string {
  return `${q(schema)}.${q(table)}`;
}

export function mirrorStatements(schema: string, spec: AccountTypeSpec): MirrorStatements {
  const table = qualified(schema, spec.table);
  const fields = spec.columns.map((c) => q(c.column));
  const recordset = ["pubkey text", "slot bigint", ...spec.columns.map((c) => `${q(c.column)} ${c.type.sql}`)];
  const assignments = ["slot = excluded.slot", "closed_at = NULL", ...fields.map((f) => `${f} = excluded.${f}`)];
  return {
    upsert: `INSERT INTO ${table} AS t (pubkey, slot, closed_at${fields.map((f) => `, ${f}`).join("")})
SELECT x.pubkey, x.slot, NULL${fields.map((f) => `, x.${f}`).join("")}
FROM jsonb_to_recordset(?::jsonb) AS x(${recordset.join(", ")})
ON CONFLICT (pubkey) DO UPDATE SET ${assignments.join(", ")}
WHERE t.slot <= excluded.slot`,
    close: `UPDATE ${table} AS t SET slot = x.slot, closed_at = COALESCE(t.closed_at, now())
FROM jsonb_to_recordset(?::jsonb) AS x(pubkey text, slot bigint)
WHERE t.pubkey = x.pubkey AND t.slot <= x.slot`,
    closeMissing: `UPDATE ${table} AS t SET slot = ?::bigint, closed_at = now()
WHERE t.closed_at IS NULL AND t.slot < ?::bigint
AND t.pubkey NOT IN (SELECT jsonb_array_elements_text(?::jsonb))`,
  };
}
