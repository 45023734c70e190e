/**
 * Program account bytes → (IDL type, fields), proving the type as the program does: the
 * discriminator names a type of the IDL and the size is exactly that type's. Decoding uses
 * the raw IDL, so field names are the IDL's snake_case ones (`fees_accrued`, `usdc_mint`).
 */
import { BorshAccountsCoder, type Idl } from "@coral-xyz/anchor";
import { IDL } from "../program/idl.js";

export type AccountDecoding =
  | { ok: true; type: string; fields: Record<string, unknown> }
  | { ok: false; reason: string };

export class ProgramAccountDecoder {
  private readonly coder: BorshAccountsCoder;
  private readonly byDiscriminator: Map<string, { name: string; size: number }>;

  constructor(idl: Idl = IDL) {
    this.coder = new BorshAccountsCoder(idl);
    this.byDiscriminator = new Map(
      (idl.accounts ?? []).map((a) => [
        Buffer.from(a.discriminator).toString("hex"),
        { name: a.name, size: this.coder.size(a.name) },
      ]),
    );
  }

  /** The IDL's discriminator and size of `type`, for callers that check one account's type. */
  layoutOf(type: string): { discriminator: Buffer; size: number } | undefined {
    for (const [hex, spec] of this.byDiscriminator)
      if (spec.name === type) return { discriminator: Buffer.from(hex, "hex"), size: spec.size };
    return undefined;
  }

  decode(data: Uint8Array): AccountDecoding {
    const bytes = Buffer.from(data);
    const discriminator = bytes.subarray(0, 8).toString("hex");
    const spec = this.byDiscriminator.get(discriminator);
    if (!spec) return { ok: false, reason: `unknown discriminator ${discriminator}` };
    if (bytes.length !== spec.size)
      return { ok: false, reason: `${spec.name} discriminator but ${bytes.length} bytes, not ${spec.size}` };
    try {
      return { ok: true, type: spec.name, fields: this.coder.decodeUnchecked(spec.name, bytes) };
    } catch (e) {
      return { ok: false, reason: `${spec.name} does not decode: ${(e as Error).message}` };
    }
  }
}
