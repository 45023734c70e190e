/**
 * getTransaction with encoding "jsonParsed", as a node answers it, for what RpcChain reads
 * from it: annotated account keys, SPL Token Transfer and TransferChecked parsed (every other
 * instruction stays raw, as a node leaves programs it has no parser for), and
 * `postTokenBalances` from the log's account images. Simplifications: `preTokenBalances` and
 * `innerInstructions` are empty (LocalChain logs neither).
 */
import { getBase58Decoder } from "@solana/kit";
import { PublicKey, VersionedTransaction } from "@solana/web3.js";
import { decodeTokenTransfer, TOKEN_PROGRAM_IDS } from "../../token-transfers.js";
import type { LocalChain, TransactionEntry } from "../index.js";
import { addressTableLookups, rpcMeta } from "./encode.js";

const base58 = getBase58Decoder();
const MINT_DECIMALS_OFFSET = 44;

function instruction(programId: string, accounts: string[], data: Uint8Array) {
  const transfer = TOKEN_PROGRAM_IDS.has(programId) ? decodeTokenTransfer(data, accounts) : null;
  if (!transfer) return { programId, accounts, data: base58.decode(data), stackHeight: null };
  const checked = data[0] === 12;
  const info = checked
    ? {
        source: transfer.source,
        mint: accounts[1],
        destination: transfer.destination,
        authority: transfer.authority,
        tokenAmount: uiAmount(transfer.amount, data[9]!),
      }
    : {
        source: transfer.source,
        destination: transfer.destination,
        authority: transfer.authority,
        amount: `${transfer.amount}`,
      };
  return {
    program: "spl-token",
    programId,
    parsed: { type: checked ? "transferChecked" : "transfer", info },
    stackHeight: null,
  };
}

function uiAmount(amount: bigint, decimals: number) {
  const ui = Number(amount) / 10 ** decimals;
  return { amount: amount.toString(), decimals, uiAmount: ui, uiAmountString: String(ui) };
}

async function decimalsOf(chain: LocalChain, mint: string): Promise<number> {
  return (await chain.getAccount(new PublicKey(mint)))?.data[MINT_DECIMALS_OFFSET] ?? 0;
}

export async function rpcParsedTransaction(chain: LocalChain, e: TransactionEntry) {
  const tx = VersionedTransaction.deserialize(Buffer.from(e.wire, "base64"));
  const m = tx.message;
  const keys = e.accountKeys;
  const postTokenBalances = await Promise.all(
    (e.postTokenBalances ?? []).map(async (b) => ({
      accountIndex: keys.indexOf(b.address),
      mint: b.mint,
      owner: b.owner,
      uiTokenAmount: uiAmount(b.amount, await decimalsOf(chain, b.mint)),
    })),
  );
  return {
    slot: e.slot,
    blockTime: e.blockTime,
    version: e.version,
    transaction: {
      signatures: tx.signatures.map((s) => base58.decode(s)),
      message: {
        accountKeys: keys.map((pubkey, i) => ({
          pubkey,
          signer: i < m.header.numRequiredSignatures,
          writable: e.writable[i] ?? false,
          source: i < m.staticAccountKeys.length ? "transaction" : "lookupTable",
        })),
        recentBlockhash: m.recentBlockhash,
        instructions: m.compiledInstructions.map((ix) =>
          instruction(
            keys[ix.programIdIndex]!,
            ix.accountKeyIndexes.map((i) => keys[i]!),
            ix.data,
          ),
        ),
        ...addressTableLookups(m),
      },
    },
    meta: rpcMeta(e, postTokenBalances),
  };
}
