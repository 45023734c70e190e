/**
 * Raw account data → (account type, row values). The type is found by the 8-byte Anchor
 * discriminator listed in the IDL; decoding is Anchor's Borsh coder over the raw (snake_case)
 * IDL, so decoded field names equal the IDL's and the mirror's column names.
 */
import { BorshAccountsCoder } from "@coral-xyz/anchor";
import type { Idl } from "@justpay/db";
import { type AccountTypeSpec, accountTypesFromIdl } from "@justpay/db";
import { type JsonValue, toColumnValue } from "../idl/values.js";

export type RowValues = Record<string, JsonValue>;

export type AccountDecoding =
  | { ok: true; spec: AccountTypeSpec; fields: Record<string, unknown>; row: RowValues }
  | { ok: false; reason: "unknown-discriminator" | "decode-error"; discriminator: string; error?: string };

export class AccountDecoder {
  readonly specs: readonly AccountTypeSpec[];
  private readonly byDiscriminator: Map<string, AccountTypeSpec>;
  private readonly coder: BorshAccountsCoder;

  constructor(idl: Idl) {
    this.specs = accountTypesFromIdl(idl);
    this.byDiscriminator = new Map(this.specs.map((s) => [s.discriminator.toString("hex"), s]));
    this.coder = new BorshAccountsCoder(idl);
  }

  spec(name: string): AccountTypeSpec | undefined {
    return this.specs.find((s) => s.name === name);
  }

  decode(data: Buffer): AccountDecoding {
    const discriminator = data.subarray(0, 8).toString("hex");
    const spec = this.byDiscriminator.get(discriminator);
    if (!spec) return { ok: false, reason: "unknown-discriminator", discriminator };
    try {
      const fields = this.coder.decodeUnchecked(spec.name, data) as Record<string, unknown>;
      return { ok: true, spec, fields, row: rowOf(spec, fields) };
    } catch (e) {
      return { ok: false, reason: "decode-error", discriminator, error: (e as Error).message };
    }
  }
}

export function rowOf(spec: AccountTypeSpec, fields: Record<string, unknown>): RowValues {
  const row: RowValues = {};
  for (const c of spec.columns) row[c.column] = toColumnValue(c.type.kind, fields[c.field]);
  return row;
}
