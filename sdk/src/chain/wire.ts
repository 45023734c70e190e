/** web3.js transactions as wire bytes and signatures, the form every backend accepts. */
import { getBase58Decoder } from "@solana/kit";
import { Transaction, type VersionedTransaction } from "@solana/web3.js";
import { TransactionRejectedError } from "./errors.js";

const base58 = getBase58Decoder();

/**
 * Wire bytes of a fully signed transaction. Signatures are not re-verified here: ed25519
 * verification in JS costs about a millisecond per signature and every chain verifies anyway.
 */
export function serializeTransaction(tx: Transaction | VersionedTransaction): Uint8Array {
  assertFullySigned(tx);
  if (tx instanceof Transaction) return tx.serialize({ requireAllSignatures: true, verifySignatures: false });
  return tx.serialize();
}

/** web3.js checks for missing signatures only while verifying them, so check here. */
function assertFullySigned(tx: Transaction | VersionedTransaction): void {
  const unsigned = (sig: Uint8Array | null | undefined) => !sig || sig.every((b) => b === 0);
  const missing =
    tx instanceof Transaction
      ? tx.signatures.find((s) => unsigned(s.signature))?.publicKey
      : tx.message.staticAccountKeys.find(
          (_, i) => i < tx.message.header.numRequiredSignatures && unsigned(tx.signatures[i]),
        );
  if (missing) {
    const first = tx instanceof Transaction ? tx.signature : tx.signatures[0];
    throw new TransactionRejectedError(
      unsigned(first) ? "" : base58.decode(first!),
      `MissingSignature: ${missing.toBase58()} did not sign`,
    );
  }
}

/** The transaction id: the fee payer's signature, base58. */
export function transactionSignature(tx: Transaction | VersionedTransaction): string {
  const sig = tx instanceof Transaction ? tx.signature : tx.signatures[0];
  if (!sig || sig.every((b) => b === 0)) throw new Error("the transaction is not signed by its fee payer");
  return base58.decode(sig);
}

export function signatureFromBytes(sig: Uint8Array): string {
  return base58.decode(sig);
}
