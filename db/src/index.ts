/**
 * @justpay/db: the one database the API and the indexer share. The ORM setup, the migrator,
 * the mirror's schema derived from the IDL, and the API's own tables.
 */
export * from "./entities/index.js";
export { LOOKUP_COLUMNS } from "./lookup-indexes.js";
export { migrate, schemaBehindIdl } from "./migrate.js";
export { allEntities, CheckpointEntity, EventEntity, mirrorEntity, type Row } from "./mirror-entities.js";
export {
  type Database,
  type DatabaseOptions,
  DEFAULT_DATABASE_URL,
  databaseUrl,
  MIGRATIONS_DIR,
  openDatabase,
  quoteIdent,
} from "./orm.js";
export { PREPARED_STATEMENT_LIMIT, prepareStatements } from "./prepared-statements.js";
export * from "./schema/account-types.js";
export * from "./schema/column-kinds.js";
export type * from "./schema/idl-types.js";
