/**
 * Which IDL account types the database can hold right now. The IDL may be newer than the
 * migrations (a program change landed, its migration not yet generated); those types are
 * then skipped and counted instead of failing every batch that contains one.
 */

import type { AccountTypeSpec } from "@justpay/db";
import type { Knex } from "@mikro-orm/postgresql";

export interface UnmirroredType {
  name: string;
  table: string;
  /** Null when the whole table is missing. */
  missingColumns: string[] | null;
}

export interface SchemaCoverage {
  mirrored: AccountTypeSpec[];
  unmirrored: UnmirroredType[];
}

export async function schemaCoverage(
  knex: Knex,
  schema: string,
  specs: readonly AccountTypeSpec[],
): Promise<SchemaCoverage> {
  const r = await knex.raw("select table_name, column_name from information_schema.columns where table_schema = ?", [
    schema,
  ]);
  const columns = new Map<string, Set<string>>();
  for (const row of (r as { rows: { table_name: string; column_name: string }[] }).rows) {
    const set = columns.get(row.table_name) ?? new Set<string>();
    set.add(row.column_name);
    columns.set(row.table_name, set);
  }
  const coverage: SchemaCoverage = { mirrored: [], unmirrored: [] };
  for (const spec of specs) {
    const existing = columns.get(spec.table);
    const missing = existing ? spec.columns.map((c) => c.column).filter((c) => !existing.has(c)) : null;
    if (missing && missing.length === 0) coverage.mirrored.push(spec);
    else coverage.unmirrored.push({ name: spec.name, table: spec.table, missingColumns: missing });
  }
  return coverage;
}
