/** Instructions as JSON, so an intent row alone is enough to rebuild its transaction. */
import { PublicKey, TransactionInstruction } from "@solana/web3.js";

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
 * A key rebuilt from its base58 name, which it keeps: compiling a legacy message asks every
 * key for its name again and again (deduplicating, sorting, indexing), and web3.js would
 * re-encode it each time.
 */
class NamedKey extends PublicKey {
  constructor(private readonly name: string) {
    super(name);
  }

  override toBase58(): string {
    return this.name;
  }

  override toString(): string {
    return this.name;
  }
}

export function deserializeInstruction(s: SerializedInstruction): TransactionInstruction {
  return new TransactionInstruction({
    programId: new NamedKey(s.programId),
    keys: s.keys.map((k) => ({ pubkey: new NamedKey(k.pubkey), isSigner: k.isSigner, isWritable: k.isWritable })),
    data: Buffer.from(s.data, "base64"),
  });
}

/** Every signer an instruction list needs besides the fee payer. */
export function requiredSigners(instructions: TransactionInstruction[], feePayer: PublicKey): string[] {
  const signers = new Set<string>();
  for (const ix of instructions) for (const k of ix.keys) if (k.isSigner) signers.add(k.pubkey.toBase58());
  signers.delete(feePayer.toBase58());
  return [...signers].sort();
}
