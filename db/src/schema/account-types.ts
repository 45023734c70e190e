/**
 * The mirror's shape, derived from the IDL: one table per account type, one typed column per
 * field. Everything else (entities, migrations, upsert SQL, the audit's field comparison)
 * is generated from these specs, so a new account type in the IDL needs only a generated
 * migration, never hand-written mapping code.
 */
import { type ColumnType, columnTypeOf } from "./column-kinds.js";
import type { Idl, IdlField, IdlTypeDef } from "./idl-types.js";

export interface ColumnSpec {
  /** The field name in the IDL (snake_case, as the raw-IDL Borsh coder decodes it). */
  field: string;
  column: string;
  type: ColumnType;
}

export interface AccountTypeSpec {
  /** The IDL account name, e.g. `Agent`. */
  name: string;
  table: string;
  discriminator: Buffer;
  columns: ColumnSpec[];
}

/** Columns every mirror row carries, besides the decoded fields. */
export const META_COLUMNS = ["pubkey", "slot", "closed_at"] as const;

/** Layout filler carries no state; mirroring it would only make the tables noisier. */
const FILLER = /^(reserved|padding|_)/;

export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();
}

export function tableNameFor(accountName: string): string {
  return `chain_${snakeCase(accountName)}`;
}

function columnNameFor(field: string): string {
  const column = snakeCase(field);
  // A decoded field must never shadow the bookkeeping columns.
  return (META_COLUMNS as readonly string[]).includes(column) ? `${column}_field` : column;
}

function structFields(def: IdlTypeDef): IdlField[] {
  if (def.type.kind !== "struct" || !def.type.fields) return [];
  const fields = def.type.fields;
  if (fields.some((f) => typeof f !== "object" || f === null || !("name" in f))) {
    throw new Error(`account ${def.name} is a tuple struct; the mirror needs named fields`);
  }
  return fields as IdlField[];
}

export function accountTypesFromIdl(idl: Idl): AccountTypeSpec[] {
  const types = idl.types ?? [];
  return (idl.accounts ?? []).map((account) => {
    const def = types.find((t) => t.name === account.name);
    if (!def) throw new Error(`IDL account ${account.name} has no type definition`);
    const columns = structFields(def)
      .filter((f) => !FILLER.test(f.name))
      .map((f) => ({ field: f.name, column: columnNameFor(f.name), type: columnTypeOf(f.type, types) }));
    return {
      name: account.name,
      table: tableNameFor(account.name),
      discriminator: Buffer.from(account.discriminator),
      columns,
    };
  });
}
