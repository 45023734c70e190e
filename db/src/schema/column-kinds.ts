/**
 * How one IDL field type becomes one Postgres column. Scalars get a typed column the API can
 * filter and sum on; anything with structure (vecs, options, structs, arrays) is kept whole as
 * jsonb so no field is ever dropped silently.
 */
import type { IdlType, IdlTypeDef } from "./idl-types.js";

export type ColumnKind =
  | "pubkey"
  | "bool"
  | "int"
  | "bigint"
  | "numeric"
  | "float"
  | "text"
  | "bytes"
  | "enum"
  | "json";

export interface ColumnType {
  kind: ColumnKind;
  /** The SQL type, as written in `jsonb_to_recordset(..) AS x(col <type>)` and in migrations. */
  sql: string;
}

const SCALARS: Record<string, ColumnType> = {
  pubkey: { kind: "pubkey", sql: "text" },
  bool: { kind: "bool", sql: "boolean" },
  u8: { kind: "int", sql: "integer" },
  i8: { kind: "int", sql: "integer" },
  u16: { kind: "int", sql: "integer" },
  i16: { kind: "int", sql: "integer" },
  i32: { kind: "int", sql: "integer" },
  // u32 overflows int4; i64 fits int8 exactly.
  u32: { kind: "bigint", sql: "bigint" },
  i64: { kind: "bigint", sql: "bigint" },
  // u64 overflows int8 (max 2^63-1), so unsigned 64-bit amounts are exact numerics.
  u64: { kind: "numeric", sql: "numeric(20,0)" },
  u128: { kind: "numeric", sql: "numeric(39,0)" },
  i128: { kind: "numeric", sql: "numeric(40,0)" },
  u256: { kind: "numeric", sql: "numeric(78,0)" },
  i256: { kind: "numeric", sql: "numeric(78,0)" },
  f32: { kind: "float", sql: "double precision" },
  f64: { kind: "float", sql: "double precision" },
  string: { kind: "text", sql: "text" },
  bytes: { kind: "bytes", sql: "bytea" },
};

const JSON_COLUMN: ColumnType = { kind: "json", sql: "jsonb" };
const BYTES_COLUMN: ColumnType = { kind: "bytes", sql: "bytea" };
const ENUM_COLUMN: ColumnType = { kind: "enum", sql: "text" };

/** Enums whose variants carry no data are stored as the variant name, e.g. `Funded`. */
function isUnitEnum(def: IdlTypeDef | undefined): boolean {
  return def?.type.kind === "enum" && def.type.variants.every((v) => !v.fields || v.fields.length === 0);
}

export function columnTypeOf(type: IdlType, types: readonly IdlTypeDef[]): ColumnType {
  if (typeof type === "string") return SCALARS[type] ?? JSON_COLUMN;
  if ("defined" in type) {
    const def = types.find((t) => t.name === type.defined.name);
    return isUnitEnum(def) ? ENUM_COLUMN : JSON_COLUMN;
  }
  // Hashes and other fixed byte strings ([u8; N]) are bytes, not lists of numbers.
  if ("array" in type && type.array[0] === "u8") return BYTES_COLUMN;
  return JSON_COLUMN;
}
