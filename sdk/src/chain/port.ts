/**
 * The `Chain` port: everything the API, the indexer and the SDK need from a Solana
 * cluster. Two adapters implement it: `LocalChain` (litesvm, in-process, persisted on disk;
 * the embedded default) and `RpcChain` (JSON-RPC + WebSocket against devnet or mainnet,
 * optionally accelerated by Helius). Both pass the same contract tests.
 */
import type { PublicKey, Transaction, VersionedTransaction } from "@solana/web3.js";

export type Commitment = "processed" | "confirmed" | "finalized";

/**
 * A fully signed transaction: a web3.js one, or its wire bytes, which a caller holding them
 * hands over as they are so that nothing serializes the transaction again.
 */
export type SignedTransaction = Transaction | VersionedTransaction | Uint8Array;

export interface ChainAccount {
  address: PublicKey;
  lamports: bigint;
  owner: PublicKey;
  data: Buffer;
  executable: boolean;
}

/** A change to one account, in slot order. `account` is null when the account was closed. */
export interface AccountChange {
  slot: number;
  address: PublicKey;
  account: ChainAccount | null;
  /** The transaction that made the change, when the source knows it. */
  signature?: string;
}

/** A transaction's logs as they were emitted, in slot order. */
export interface LogsNotification {
  signature: string;
  slot: number;
  err: string | null;
  logs: string[];
}

export interface SignatureInfo {
  signature: string;
  slot: number;
  err: string | null;
  blockTime: number | null;
}

export interface TransactionRecord extends SignatureInfo {
  logs: string[];
  computeUnits: number;
  /** Account keys of the message, in order. */
  accountKeys: PublicKey[];
}

export interface SendOutcome {
  signature: string;
  slot: number;
  err: string | null;
  /** Custom program error code, when the failure carried one. */
  errorCode?: number;
  logs: string[];
  computeUnits: number;
}

export interface SignatureStatus {
  slot: number;
  confirmationStatus: Commitment;
  err: string | null;
}

/** One SPL token transfer (Transfer or TransferChecked) into a token account. */
export interface TokenTransfer {
  signature: string;
  slot: number;
  blockTime: number | null;
  /**
   * Position among this transaction's transfers into the same account (0, 1, …), so that
   * `(signature, index)` names one transfer even when a transaction makes several.
   */
  index: number;
  amount: bigint;
  /** The token account the tokens came from. */
  source: PublicKey;
  /**
   * The owner of `source` as the transaction left it (the wallet the funds came from), or,
   * when that account no longer existed afterwards (closed in the same transaction), the
   * authority that signed the transfer.
   */
  sourceOwner: PublicKey;
}

/** What `getTokenTransfersInto` examined and found. */
export interface TokenTransferScan {
  /** Transfers into the account, oldest first, from successful transactions only. */
  transfers: TokenTransfer[];
  /**
   * The newest signature examined: pass it as `until` next time to see only what came after.
   * Undefined when nothing newer than `until` exists.
   */
  cursor?: string;
  /** `limit` stopped the scan: transactions newer than `cursor` remain. */
  more: boolean;
}

export interface ChainListener {
  onAccountChange?(change: AccountChange): void;
  onLogs?(logs: LogsNotification): void;
  /**
   * The stream was interrupted (e.g. the WebSocket dropped) and is live again. Changes made
   * in between were not delivered: backfill them by signature. Never called by LocalChain,
   * whose stream cannot drop.
   */
  onResubscribed?(): void;
}

export interface Chain {
  readonly kind: "local" | "rpc";
  /** The escrow program this chain is watched for. */
  readonly programId: PublicKey;

  latestBlockhash(): Promise<{ blockhash: string; lastValidBlockHeight: number }>;
  /** Sends a fully signed transaction and waits for `commitment` (default "confirmed"). */
  sendTransaction(tx: SignedTransaction, commitment?: Commitment): Promise<SendOutcome>;
  getSignatureStatus(signature: string): Promise<SignatureStatus | null>;

  getSlot(commitment?: Commitment): Promise<number>;
  getAccount(address: PublicKey, commitment?: Commitment): Promise<ChainAccount | null>;
  getMultipleAccounts(addresses: PublicKey[], commitment?: Commitment): Promise<(ChainAccount | null)[]>;
  /** All accounts owned by `owner` (the escrow program, for the indexer and the audit). */
  getProgramAccounts(owner: PublicKey): Promise<{ slot: number; accounts: ChainAccount[] }>;

  /** Newest first, like the RPC method of the same name. */
  getSignaturesForAddress(
    address: PublicKey,
    options?: { before?: string; until?: string; limit?: number },
  ): Promise<SignatureInfo[]>;
  getTransaction(signature: string): Promise<TransactionRecord | null>;
  /**
   * SPL token transfers into `tokenAccount` made by transactions newer than `until` (all of
   * them when omitted), oldest first, with each sender's owner: what a deposit scan needs.
   * At most `limit` transactions are examined, the oldest ones first, so that following
   * `cursor` never skips one. Top-level and inner (CPI) instructions count on RpcChain;
   * LocalChain records top-level instructions only.
   */
  getTokenTransfersInto(
    tokenAccount: PublicKey,
    options?: { until?: string; limit?: number },
  ): Promise<TokenTransferScan>;

  /** Streams account changes of program-owned accounts and the program's logs. */
  subscribe(listener: ChainListener): () => void;

  /** Unix time of the latest block (the Clock sysvar). */
  unixTime(): Promise<bigint>;
  close(): Promise<void>;
}
