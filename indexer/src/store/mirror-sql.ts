/**
 * The mirror's SQL, generated once per account type. Rows travel as one JSON parameter
 * unpacked by `jsonb_to_recordset`, so a batch of any size is one plan with no
 * 65 535-parameter ceiling.
 */

import type { AccountTypeSpec } from "@justpay/db";
import { quoteIdent as q } from "@justpay/db";

export function qualified(schema: string, table: string): string {
  return `${q(schema)}.${q(table)}`;
}

/**
 * Upsert from one JSON parameter. Newer slot wins; an equal slot lets the later write win,
 * since the stream is in chain order.
 */
export function upsertSql(schema: string, spec: AccountTypeSpec): string {
  const fields = spec.columns.map((c) => q(c.column));
  const recordset = ["pubkey text", "slot bigint", ...spec.columns.map((c) => `${q(c.column)} ${c.type.sql}`)];
  const assignments = ["slot = excluded.slot", "closed_at = NULL", ...fields.map((f) => `${f} = excluded.${f}`)];
  return `INSERT INTO ${qualified(schema, spec.table)} AS t (pubkey, slot, closed_at${fields.map((f) => `, ${f}`).join("")})
SELECT x.pubkey, x.slot, NULL${fields.map((f) => `, x.${f}`).join("")}
FROM jsonb_to_recordset(?::jsonb) AS x(${recordset.join(", ")})
ON CONFLICT (pubkey) DO UPDATE SET ${assignments.join(", ")}
WHERE t.slot <= excluded.slot`;
}

/**
 * Keeps the row and stamps `closed_at` the first time it is seen closed; `closed` is a
 * (pubkey, slot) relation and `keys` a one-row relation holding its pubkeys as `keys text[]`,
 * so that the table is probed by primary key.
 */
export function closeSql(schema: string, spec: AccountTypeSpec, closed: string, keys: string): string {
  return `UPDATE ${qualified(schema, spec.table)} AS t SET slot = x.slot, closed_at = COALESCE(t.closed_at, now())
FROM ${closed} AS x
WHERE t.pubkey = ANY((SELECT keys FROM ${keys})::text[]) AND t.pubkey = x.pubkey AND t.slot <= x.slot`;
}

/** After a snapshot at a slot: open rows it did not contain were closed while nobody watched. */
export function closeMissingSql(schema: string, spec: AccountTypeSpec): string {
  return `UPDATE ${qualified(schema, spec.table)} AS t SET slot = ?::bigint, closed_at = now()
WHERE t.closed_at IS NULL AND t.slot < ?::bigint
AND t.pubkey NOT IN (SELECT jsonb_array_elements_text(?::jsonb))`;
}
