/** Brings a database (or one schema of it) up to the latest migration in `migrations/`. */
import { type Database, quoteIdent } from "./orm.js";

export async function migrate(db: Database): Promise<string[]> {
  const schema = db.config.get("schema") ?? "public";
  await db.em.getConnection().execute(`create schema if not exists ${quoteIdent(schema)}`);
  const applied = await db.getMigrator().up();
  return applied.map((m) => m.name);
}

/** True when the IDL describes tables or columns that no migration creates yet. */
export async function schemaBehindIdl(db: Database): Promise<boolean> {
  return db.getMigrator().checkMigrationNeeded();
}
