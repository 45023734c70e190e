/**
 * A migrated mirror in a schema of its own, dropped afterwards, so test files can run in
 * parallel and repeatedly against the one shared Postgres.
 */
import { randomBytes } from "node:crypto";
import type { Idl } from "@justpay/db";
import { type Database, migrate, openDatabase, quoteIdent } from "@justpay/db";

export interface TestDatabase {
  db: Database;
  schema: string;
  /** Drops the schema and closes the connection pool. */
  drop(): Promise<void>;
}

export function uniqueSchema(label: string): string {
  return `t_${label}_${process.pid}_${randomBytes(3).toString("hex")}`.toLowerCase();
}

export async function freshDatabase(
  label: string,
  options: { idl?: Idl; migrate?: boolean } = {},
): Promise<TestDatabase> {
  const schema = uniqueSchema(label);
  const db = await openDatabase({ schema, idl: options.idl });
  if (options.migrate ?? true) await migrate(db);
  return {
    db,
    schema,
    drop: async () => {
      await db.em.getConnection().execute(`drop schema if exists ${quoteIdent(schema)} cascade`);
      await db.close(true);
    },
  };
}

/** Plain rows of one table, as node-postgres returns them. */
export async function rows(
  db: Database,
  schema: string,
  table: string,
  orderBy = "pubkey",
): Promise<Record<string, unknown>[]> {
  const knex = db.em.getConnection().getKnex();
  const r = await knex.raw(`select * from ${quoteIdent(schema)}.${quoteIdent(table)} order by ${orderBy}`);
  return (r as { rows: Record<string, unknown>[] }).rows;
}
