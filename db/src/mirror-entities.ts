/**
 * MikroORM entity schemas: one generated per IDL account type (the mirror), plus the event
 * log and the per-source checkpoints. Property names equal column names so raw SQL on the
 * hot path and ORM reads agree without a naming strategy in between.
 */
import { EntitySchema } from "@mikro-orm/core";
import { LOOKUP_COLUMNS } from "./lookup-indexes.js";
import type { AccountTypeSpec } from "./schema/account-types.js";
import type { ColumnKind } from "./schema/column-kinds.js";

export type Row = Record<string, unknown>;

/** MikroORM's runtime type per column kind; the SQL type itself is pinned by `columnType`. */
const RUNTIME_TYPE: Record<ColumnKind, string> = {
  pubkey: "string",
  bool: "boolean",
  int: "integer",
  bigint: "bigint",
  numeric: "string",
  float: "double",
  text: "string",
  bytes: "blob",
  enum: "string",
  json: "json",
};

function entityName(table: string): string {
  return table.replace(/(^|_)([a-z0-9])/g, (_m, _u, c: string) => c.toUpperCase());
}

export function mirrorEntity(spec: AccountTypeSpec): EntitySchema<Row> {
  const properties: Record<string, object> = {
    pubkey: { type: "string", columnType: "text", primary: true },
    slot: { type: "bigint", columnType: "bigint" },
    closed_at: { type: "Date", columnType: "timestamptz", nullable: true },
  };
  const indexes: { properties: string[]; name: string }[] = [];
  for (const c of spec.columns) {
    properties[c.column] = { type: RUNTIME_TYPE[c.type.kind], columnType: c.type.sql };
    if (LOOKUP_COLUMNS[spec.name]?.includes(c.column))
      indexes.push({ properties: [c.column], name: `${spec.table}_${c.column}_idx` });
  }
  return new EntitySchema<Row>({ name: entityName(spec.table), tableName: spec.table, properties, indexes } as never);
}

export const EventEntity = new EntitySchema<Row>({
  name: "ProgramEvent",
  tableName: "events",
  properties: {
    signature: { type: "string", columnType: "text", primary: true },
    event_index: { type: "integer", columnType: "integer", primary: true },
    slot: { type: "bigint", columnType: "bigint", index: "events_slot_idx" },
    name: { type: "string", columnType: "text" },
    data: { type: "json", columnType: "jsonb" },
    mentions: { type: "string[]", columnType: "text[]" },
    block_time: { type: "Date", columnType: "timestamptz", nullable: true },
    indexed_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
  },
  indexes: [
    {
      // An account's events of one kind, as one index lookup (see the event lookup migration).
      name: "events_mentions_name_idx",
      expression:
        'create index "events_mentions_name_idx" on "events" using gin ("mentions", "name") with (fastupdate = off)',
    },
  ],
} as never);

export const CheckpointEntity = new EntitySchema<Row>({
  name: "IndexerCheckpoint",
  tableName: "indexer_checkpoints",
  properties: {
    source: { type: "string", columnType: "text", primary: true },
    last_slot: { type: "bigint", columnType: "bigint" },
    last_signature: { type: "string", columnType: "text", nullable: true },
    updated_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
  },
} as never);

export function allEntities(specs: readonly AccountTypeSpec[]): EntitySchema<Row>[] {
  return [...specs.map(mirrorEntity), EventEntity, CheckpointEntity];
}
