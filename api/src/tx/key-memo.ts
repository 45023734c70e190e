/**
 * Every outbox transaction carries a memo naming its key. Signatures are deterministic: two
 * intents with equal instructions (two deposits of the same amount from the same sender, two
 * equal withdrawals) signed against one blockhash would otherwise be one transaction, which the
 * chain runs once, and the second intent could never record its own signature. The memo also
 * lets anyone tie an on-chain transaction to the request that caused it.
 */
import { PublicKey, TransactionInstruction } from "@solana/web3.js";

export const MEMO_PROGRAM_ID = new PublicKey("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr");

/** A memo without signers: it only makes the transaction, and its record, unique. */
export function keyMemo(key: string): TransactionInstruction {
  return new TransactionInstruction({
    programId: MEMO_PROGRAM_ID,
    keys: [],
    data: Buffer.from(`justpay:${key}`, "utf8"),
  });
}
