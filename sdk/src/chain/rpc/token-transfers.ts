/**
 * RpcChain's reading of token transfers: the node's `jsonParsed` transactions, top-level and
 * inner (CPI) instructions in execution order, with the sender's owner from the token balances
 * the node reports. Helius's RPC answers `jsonParsed` like any node, so a Helius-keyed chain
 * takes this same path; its enhanced-transactions API gives amounts as UI decimals, which is
 * no way to count money.
 */
import { getBase58Encoder } from "@solana/kit";
import type { Finality } from "@solana/web3.js";
import {
  type Connection,
  type ParsedInstruction,
  type ParsedTransactionWithMeta,
  type PartiallyDecodedInstruction,
  PublicKey,
} from "@solana/web3.js";
import type { SignatureInfo, TokenTransfer } from "../port.js";
import { decodeTokenTransfer, type RawTokenTransfer, TOKEN_PROGRAM_IDS } from "../token-transfers.js";

const base58 = getBase58Encoder();
/** Transactions per JSON-RPC batch. */
const BATCH = 50;

type Instruction = ParsedInstruction | PartiallyDecodedInstruction;

export async function fetchTransfersInto(
  connection: Connection,
  commitment: Finality,
  signatures: SignatureInfo[],
  tokenAccount: string,
): Promise<TokenTransfer[][]> {
  const out: TokenTransfer[][] = [];
  for (let i = 0; i < signatures.length; i += BATCH) {
    const chunk = signatures.slice(i, i + BATCH);
    const txs = await connection.getParsedTransactions(
      chunk.map((s) => s.signature),
      { commitment, maxSupportedTransactionVersion: 0 },
    );
    for (const [j, tx] of txs.entries()) out.push(transfersInto(chunk[j]!, tx, tokenAccount));
  }
  return out;
}

export function transfersInto(
  info: SignatureInfo,
  tx: ParsedTransactionWithMeta | null,
  tokenAccount: string,
): TokenTransfer[] {
  if (!tx || tx.meta?.err) return [];
  const keys = tx.transaction.message.accountKeys.map((k) => k.pubkey.toBase58());
  const owners = new Map<string, string>();
  // Post balances win: they are the accounts as the transaction left them.
  for (const b of [...(tx.meta?.preTokenBalances ?? []), ...(tx.meta?.postTokenBalances ?? [])]) {
    const address = keys[b.accountIndex];
    if (address && b.owner) owners.set(address, b.owner);
  }
  const inner = new Map((tx.meta?.innerInstructions ?? []).map((i) => [i.index, i.instructions]));
  const executed = tx.transaction.message.instructions.flatMap((ix, i) => [ix, ...(inner.get(i) ?? [])]);
  const out: TokenTransfer[] = [];
  for (const ix of executed) {
    const t = tokenTransfer(ix);
    if (!t || t.destination !== tokenAccount || t.source === tokenAccount) continue;
    out.push({
      signature: info.signature,
      slot: tx.slot,
      blockTime: tx.blockTime ?? info.blockTime,
      index: out.length,
      amount: t.amount,
      source: new PublicKey(t.source),
      sourceOwner: new PublicKey(owners.get(t.source) ?? t.authority),
    });
  }
  return out;
}

interface ParsedTransferInfo {
  source: string;
  destination: string;
  authority?: string;
  multisigAuthority?: string;
  amount?: string;
  tokenAmount?: { amount: string };
}

function tokenTransfer(ix: Instruction): RawTokenTransfer | null {
  if (!TOKEN_PROGRAM_IDS.has(ix.programId.toBase58())) return null;
  if (!("parsed" in ix)) {
    // The node could not parse it (a malformed instruction): read the bytes ourselves.
    return decodeTokenTransfer(
      base58.encode(ix.data) as Uint8Array,
      ix.accounts.map((a) => a.toBase58()),
    );
  }
  const { type, info } = ix.parsed as { type: string; info: ParsedTransferInfo };
  const amount = type === "transfer" ? info.amount : type === "transferChecked" ? info.tokenAmount?.amount : undefined;
  const authority = info.authority ?? info.multisigAuthority;
  if (amount === undefined || !authority) return null;
  return { source: info.source, destination: info.destination, authority, amount: BigInt(amount) };
}
