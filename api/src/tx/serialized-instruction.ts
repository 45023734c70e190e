/** Instructions as JSON, so an intent row alone is enough to rebuild its transaction. */
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";

export interface SerializedInstruction {
  programId: string;
  keys: { pubkey: string; isSigner: boolean; isWritable: boolean }[];
  /** base64 */
  data: string;
}

export function serializeInstruction(ix: TransactionInstruction): SerializedInstruction {
  return {
    programId: ix.programId.toBase58(),
    keys: ix.keys.map((k) => ({ pubkey: k.pubkey.toBase58(), isSigner: k.isSigner, isWritable: k.isWritable })),
    data: ix.data.toString("base64"),
  };
}

/**
 * The instruction with its fields in one fixed order: jsonb does not keep key order, so an
 * intent read back compares equal to a fresh one only in this form.
 */
export function canonicalInstruction(s: SerializedInstruction): SerializedInstruction {
  return {
    programId: s.programId,
    keys: s.keys.map((k) => ({ pubkey: k.pubkey, isSigner: k.isSigner, isWritable: k.isWritable })),
    data: s.data,
  };
}

/** Every signer an instruction list needs besides the fee payer. */
export function requiredSigners(instructions: TransactionInstruction[], feePayer: PublicKey): string[] {
  const signers = new Set<string>();
  for (const ix of instructions) for (const k of ix.keys) if (k.isSigner) signers.add(k.pubkey.toBase58());
  signers.delete(feePayer.toBase58());
  return [...signers].sort();
}
