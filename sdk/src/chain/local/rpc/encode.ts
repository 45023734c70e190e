/** LocalChain's records in the JSON shapes a Solana RPC node answers with (encoding "base64"/"json"). */
import { getBase58Decoder } from "@solana/kit";
import { type VersionedMessage, VersionedTransaction } from "@solana/web3.js";
import type { ChainAccount } from "../../port.js";
import type { TransactionEntry } from "../index.js";

const base58 = getBase58Decoder();
const SYSTEM_PROGRAM = "11111111111111111111111111111111";

export interface RpcAccount {
  data: [string, "base64"];
  executable: boolean;
  lamports: number;
  owner: string;
  rentEpoch: number;
  space: number;
}

export function rpcAccount(a: ChainAccount | null): RpcAccount | null {
  if (!a) return null;
  return {
    data: [a.data.toString("base64"), "base64"],
    executable: a.executable,
    lamports: Number(a.lamports),
    owner: a.owner.toBase58(),
    rentEpoch: 0,
    space: a.data.length,
  };
}

/** What accountSubscribe sends for a deleted account: zero lamports, no data, system-owned. */
export const deletedAccount: RpcAccount = {
  data: ["", "base64"],
  executable: false,
  lamports: 0,
  owner: SYSTEM_PROGRAM,
  rentEpoch: 0,
  space: 0,
};

export function rpcStatus(e: TransactionEntry) {
  return {
    slot: e.slot,
    confirmations: null,
    err: e.err,
    confirmationStatus: "finalized",
    status: e.err === null ? { Ok: null } : { Err: e.err },
  };
}

export function rpcSignatureInfo(e: TransactionEntry) {
  return {
    signature: e.signature,
    slot: e.slot,
    err: e.err,
    memo: null,
    blockTime: e.blockTime,
    confirmationStatus: "finalized",
  };
}

/** A v0 message's lookups as the RPC lists them; a legacy message has none. */
export function addressTableLookups(m: VersionedMessage) {
  if (m.version !== 0) return {};
  return {
    addressTableLookups: m.addressTableLookups.map((l) => ({
      accountKey: l.accountKey.toBase58(),
      writableIndexes: l.writableIndexes,
      readonlyIndexes: l.readonlyIndexes,
    })),
  };
}

/** getTransaction with encoding "json". */
export function rpcTransaction(e: TransactionEntry) {
  const tx = VersionedTransaction.deserialize(Buffer.from(e.wire, "base64"));
  const m = tx.message;
  const message = {
    accountKeys: m.staticAccountKeys.map((k) => k.toBase58()),
    header: m.header,
    recentBlockhash: m.recentBlockhash,
    instructions: m.compiledInstructions.map((ix) => ({
      programIdIndex: ix.programIdIndex,
      accounts: ix.accountKeyIndexes,
      data: base58.decode(ix.data),
      stackHeight: null,
    })),
    ...addressTableLookups(m),
  };
  return {
    slot: e.slot,
    blockTime: e.blockTime,
    version: e.version,
    transaction: { signatures: tx.signatures.map((s) => base58.decode(s)), message },
    meta: rpcMeta(e, []),
  };
}

/** A transaction's `meta`; LocalChain logs no inner instructions or pre-transaction token balances. */
export function rpcMeta(e: TransactionEntry, postTokenBalances: unknown[]) {
  return {
    err: e.err,
    status: e.err === null ? { Ok: null } : { Err: e.err },
    fee: Number(e.fee),
    preBalances: e.preBalances.map(Number),
    postBalances: e.postBalances.map(Number),
    innerInstructions: [],
    logMessages: e.logs,
    preTokenBalances: [],
    postTokenBalances,
    rewards: [],
    loadedAddresses: e.loaded,
    computeUnitsConsumed: e.computeUnits,
  };
}
