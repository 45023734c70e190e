/** The parts of Anchor's IDL types the indexer reads, derived from the exported `Idl` type. */
import type { Idl } from "@coral-xyz/anchor";

export type { Idl };
export type IdlTypeDef = NonNullable<Idl["types"]>[number];
export type IdlStructDef = Extract<IdlTypeDef["type"], { kind: "struct" }>;
export type IdlEnumDef = Extract<IdlTypeDef["type"], { kind: "enum" }>;
type NamedFields = Extract<NonNullable<IdlStructDef["fields"]>, { name: string }[]>;
export type IdlField = NamedFields[number];
export type IdlType = IdlField["type"];
