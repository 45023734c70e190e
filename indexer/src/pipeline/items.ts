/** What a source hands the processor: raw account states and raw transaction logs, in chain order. */

export interface AccountItem {
  kind: "account";
  pubkey: string;
  slot: number;
  /** Null when the account no longer exists (closed, or no longer owned by the program). */
  data: Buffer | null;
  /** `performance.now()` when the source received it, for lag. */
  receivedAt: number;
}

export interface TransactionItem {
  kind: "transaction";
  signature: string;
  slot: number;
  err: string | null;
  logs: string[];
  blockTime: number | null;
  receivedAt: number;
}

export type SourceItem = AccountItem | TransactionItem;
