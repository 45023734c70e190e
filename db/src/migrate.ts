/** Brings a database (or one schema of it) up to the latest migration in `migrations/`. */
import { type Database, quoteIdent } from "./orm.js";

export async function migrate(db: Database): Promise<string[]> {
  const schema = db.config.get("schema") ?? "public";
  await db.em.getConnection().execute(`create schema if not exists ${quoteIdent(schema)}`);
  const applied = await db.getMigrator().up();
  return applied.map((m) => m.name);
}

/**
 * True when the entities (the IDL's mirror tables, plus the API's) describe tables or
 * columns the migrated schema lacks, or the schema has tables they do not describe. Only
 * this database's own schema is compared: other schemas (parallel test runs) are not ours.
 */
export async function schemaBehindIdl(db: Database): Promise<boolean> {
  const schema = db.config.get("schema") ?? "public";
  const sql = await db.schema.getUpdateSchemaSQL({ wrap: false, schema });
  return sql.trim() !== "";
}
