/**
 * LocalChain's reading of token transfers: the logged transaction's own instructions, and
 * the owners of the token accounts it left behind (`postTokenBalances`). litesvm's inner
 * instructions are not logged, so a transfer made by a CPI is not seen here; on LocalChain
 * the only such transfers are the escrow program's own payouts.
 */
import { PublicKey, VersionedTransaction } from "@solana/web3.js";
import type { TokenTransfer } from "../port.js";
import { decodeTokenTransfer, TOKEN_PROGRAM_IDS } from "../token-transfers.js";
import type { TransactionEntry } from "./log-entry.js";

export function transfersInto(entry: TransactionEntry, tokenAccount: string): TokenTransfer[] {
  const { message } = VersionedTransaction.deserialize(Buffer.from(entry.wire, "base64"));
  const keys = entry.accountKeys;
  const owners = new Map(entry.postTokenBalances?.map((b) => [b.address, b.owner]));
  const out: TokenTransfer[] = [];
  for (const ix of message.compiledInstructions) {
    if (!TOKEN_PROGRAM_IDS.has(keys[ix.programIdIndex] ?? "")) continue;
    const t = decodeTokenTransfer(
      ix.data,
      ix.accountKeyIndexes.map((i) => keys[i]!),
    );
    // A transfer to itself adds nothing to the account.
    if (!t || t.destination !== tokenAccount || t.source === tokenAccount) continue;
    out.push({
      signature: entry.signature,
      slot: entry.slot,
      blockTime: entry.blockTime,
      index: out.length,
      amount: t.amount,
      source: new PublicKey(t.source),
      sourceOwner: new PublicKey(owners.get(t.source) ?? t.authority),
    });
  }
  return out;
}
