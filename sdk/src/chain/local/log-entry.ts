/**
 * The transaction log's record and its JSON-lines encoding. A record carries the image of
 * every writable account after the transaction, which is what recovery writes back: the log
 * alone can rebuild the state on top of an older snapshot, without re-executing anything.
 */
import { encodeBase58 } from "../base58.js";
import { TOKEN_PROGRAM_IDS } from "../token-transfers.js";
import type { RpcTransactionError } from "../tx-error.js";
import type { AccountImage } from "./svm-accounts.js";

/** One writable account after the transaction; `after` is null when it no longer exists. */
export interface AccountWrite {
  address: string;
  /** The owner before the transaction, so a closed program account can be recognized. */
  ownerBefore: string | null;
  after: AccountImage | null;
}

/** What the history keeps of a transaction: everything but the account images. */
export interface TransactionEntry {
  /** Position in the log, from 1, in execution order. */
  seq: number;
  signature: string;
  slot: number;
  blockTime: number;
  err: RpcTransactionError | null;
  logs: string[];
  computeUnits: number;
  fee: bigint;
  version: "legacy" | 0;
  /** RPC order: static keys, then lookup-table writable, then lookup-table read-only. */
  accountKeys: string[];
  writable: boolean[];
  loaded: { writable: string[]; readonly: string[] };
  preBalances: bigint[];
  postBalances: bigint[];
  /** The signed transaction as sent, base64. */
  wire: string;
  /**
   * The SPL token accounts the transaction wrote, as it left them (an RPC node's
   * `postTokenBalances`). Derived from the account images when the history is built, never
   * stored in the log file.
   */
  postTokenBalances?: TokenBalance[];
}

export interface TokenBalance {
  address: string;
  mint: string;
  owner: string;
  amount: bigint;
}

export interface CommittedTransaction extends TransactionEntry {
  writes: AccountWrite[];
}

const FORMAT = 1;

interface ImageJson {
  lamports: string;
  owner: string;
  executable: boolean;
  data: string;
}

type EntryJson = Omit<CommittedTransaction, "fee" | "preBalances" | "postBalances" | "writes"> & {
  v: number;
  fee: string;
  preBalances: string[];
  postBalances: string[];
  writes: { address: string; ownerBefore: string | null; after: ImageJson | null }[];
};

const imageToJson = (a: AccountImage): ImageJson => ({
  lamports: a.lamports.toString(),
  owner: a.owner,
  executable: a.executable,
  data: a.data.toString("base64"),
});

const imageFromJson = (a: ImageJson): AccountImage => ({
  lamports: BigInt(a.lamports),
  owner: a.owner,
  executable: a.executable,
  data: Buffer.from(a.data, "base64"),
});

export function encodeEntry(tx: CommittedTransaction): string {
  const json: EntryJson = {
    ...tx,
    v: FORMAT,
    fee: tx.fee.toString(),
    preBalances: tx.preBalances.map(String),
    postBalances: tx.postBalances.map(String),
    writes: tx.writes.map((w) => ({ ...w, after: w.after && imageToJson(w.after) })),
  };
  return JSON.stringify(json);
}

export function decodeEntry(line: string): CommittedTransaction {
  const json = JSON.parse(line) as EntryJson;
  if (json.v !== FORMAT) throw new Error(`unsupported transaction log format ${json.v}`);
  const { v: _v, ...rest } = json;
  return {
    ...rest,
    fee: BigInt(json.fee),
    preBalances: json.preBalances.map(BigInt),
    postBalances: json.postBalances.map(BigInt),
    writes: json.writes.map((w) => ({ ...w, after: w.after && imageFromJson(w.after) })),
  };
}

/**
 * The history's copy: account images dropped, since only recovery needs them and it reads the
 * file; what they said about token accounts is kept as `postTokenBalances`.
 */
export function withoutWrites(tx: CommittedTransaction): TransactionEntry {
  const { writes, ...entry } = tx;
  return { ...entry, postTokenBalances: writes.flatMap(tokenBalanceOf) };
}

const TOKEN_ACCOUNT_SIZE = 165;
const ACCOUNT_TYPE_ACCOUNT = 2;

/** A Token (165 bytes) or Token-2022 account (longer, account type byte 2 at offset 165). */
function tokenBalanceOf({ address, after }: AccountWrite): TokenBalance[] {
  if (!after || !TOKEN_PROGRAM_IDS.has(after.owner)) return [];
  const d = after.data;
  const isAccount =
    d.length === TOKEN_ACCOUNT_SIZE ||
    (d.length > TOKEN_ACCOUNT_SIZE && d[TOKEN_ACCOUNT_SIZE] === ACCOUNT_TYPE_ACCOUNT);
  if (!isAccount) return [];
  return [
    {
      address,
      mint: encodeBase58(d.subarray(0, 32)),
      owner: encodeBase58(d.subarray(32, 64)),
      amount: d.readBigUInt64LE(64),
    },
  ];
}
