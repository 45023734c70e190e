/** Signed transactions as wire bytes and signatures, the form every backend accepts. */
import { Transaction, type VersionedTransaction } from "@solana/web3.js";
import { encodeBase58 } from "./base58.js";
import { TransactionRejectedError } from "./errors.js";
import type { SignedTransaction } from "./port.js";
import { decodeWireTransaction, type WireTransaction } from "./wire-transaction.js";

/**
 * Wire bytes of a fully signed transaction. Signatures are not re-verified here: ed25519
 * verification in JS costs about a millisecond per signature and every chain verifies anyway.
 */
export function serializeTransaction(tx: Transaction | VersionedTransaction): Uint8Array {
  assertFullySigned(tx);
  if (tx instanceof Transaction) return tx.serialize({ requireAllSignatures: true, verifySignatures: false });
  return tx.serialize();
}

const unsigned = (sig: Uint8Array | null | undefined) => !sig || sig.every((b) => b === 0);

/** web3.js checks for missing signatures only while verifying them, so check here. */
function assertFullySigned(tx: Transaction | VersionedTransaction): void {
  const missing =
    tx instanceof Transaction
      ? tx.signatures.find((s) => unsigned(s.signature))?.publicKey
      : tx.message.staticAccountKeys.find(
          (_, i) => i < tx.message.header.numRequiredSignatures && unsigned(tx.signatures[i]),
        );
  if (missing) {
    const first = tx instanceof Transaction ? tx.signature : tx.signatures[0];
    throw new TransactionRejectedError(
      unsigned(first) ? "" : encodeBase58(first!),
      `MissingSignature: ${missing.toBase58()} did not sign`,
    );
  }
}

/** The transaction id: the fee payer's signature, base58. */
export function transactionSignature(tx: Transaction | VersionedTransaction): string {
  const sig = tx instanceof Transaction ? tx.signature : tx.signatures[0];
  if (!sig || sig.every((b) => b === 0)) throw new Error("the transaction is not signed by its fee payer");
  return encodeBase58(sig);
}

/** A transaction ready to send: its wire bytes, decoded once, and its signature. */
export interface SignedWire {
  tx: WireTransaction;
  signature: string;
}

/**
 * Decodes a fully signed transaction however it was handed over, refusing one that is malformed
 * or lacks a signature with the reasons a web3.js transaction is refused for. Wire bytes are
 * copied: the caller may reuse its buffer while the transaction waits for its turn.
 */
export function signedWire(tx: SignedTransaction): SignedWire {
  if (!(tx instanceof Uint8Array)) {
    const signature = transactionSignature(tx);
    return { tx: decodeWireTransaction(serializeTransaction(tx)), signature };
  }
  let decoded: WireTransaction;
  try {
    decoded = decodeWireTransaction(new Uint8Array(tx));
  } catch (e) {
    throw new TransactionRejectedError("", `SanitizeFailure: ${(e as Error).message}`);
  }
  const [first] = decoded.signatures;
  if (!first) throw new TransactionRejectedError("", "SanitizeFailure: the transaction has no fee payer signature");
  const missing = decoded.signatures.findIndex(unsigned);
  if (missing >= 0) {
    const signer = decoded.staticKeys[missing];
    throw new TransactionRejectedError(
      unsigned(first) ? "" : encodeBase58(first),
      `MissingSignature: ${signer ? encodeBase58(signer) : `signer ${missing}`} did not sign`,
    );
  }
  return { tx: decoded, signature: encodeBase58(first) };
}
