/**
 * The indexer's view of any `Chain` (LocalChain or RpcChain): a live stream of account
 * changes and logs, a snapshot of all program accounts, and a by-signature backfill of the
 * transactions after a checkpoint. Everything is turned into raw items; decoding is the
 * processor's job.
 */

import type { AccountChange, Chain, ChainAccount, ChainListener, LogsNotification } from "@justpay/sdk";
import type { PublicKey } from "@solana/web3.js";
import type { AccountItem, SourceItem, TransactionItem } from "../pipeline/items.js";
import type { CloseDetector } from "./close-detector.js";

const SIGNATURE_PAGE = 1_000;
const FETCH_CONCURRENCY = 16;

export interface ChainSourceOptions {
  programId?: PublicKey;
  /** Checkpoint key; defaults to `<chain kind>:<program id>`. */
  name?: string;
  /** Look up the accounts each transaction's events mention, to see closes (RPC only; see CloseDetector). */
  closeDetector?: CloseDetector;
  /** A failed close lookup; the next resync's snapshot catches the close anyway. */
  onError?: (error: Error) => void;
}

export class ChainSource {
  readonly name: string;
  readonly programId: PublicKey;

  constructor(
    private readonly chain: Chain,
    private readonly options: ChainSourceOptions = {},
  ) {
    this.programId = options.programId ?? chain.programId;
    this.name = options.name ?? `${chain.kind}:${this.programId.toBase58()}`;
  }

  /** `onResubscribed`: the stream dropped and resumed, so changes in between were missed. */
  subscribe(onItem: (item: SourceItem) => void, onResubscribed: () => void): () => void {
    const detector = this.options.closeDetector;
    // With close detection a transaction waits for its lookup; everything after it waits
    // too, so items still reach the processor in stream order.
    let ordered: Promise<void> = Promise.resolve();
    let active = true;
    const emit = (produce: () => SourceItem[] | Promise<SourceItem[]>): void => {
      const now = produce();
      if (!detector && Array.isArray(now)) {
        for (const item of now) onItem(item);
        return;
      }
      ordered = ordered.then(async () => {
        const items = await now;
        if (active) for (const item of items) onItem(item);
      });
    };
    // Typed wider than the port's listener so this compiles before and after the port gains
    // `onResubscribed` (RpcChain calls it; LocalChain's stream cannot drop).
    const listener: ChainListener & { onResubscribed?(): void } = {
      onAccountChange: (change) => emit(() => [this.accountItem(change)]),
      onLogs: (logs) => {
        const tx = transactionItem(logs, null);
        if (!detector) return emit(() => [tx]);
        emit(async () => {
          const closed = await detector.closedBy(tx).catch((e: Error) => {
            this.options.onError?.(e);
            return [];
          });
          return [tx, ...closed];
        });
      },
      onResubscribed,
    };
    const unsubscribe = this.chain.subscribe(listener);
    return () => {
      active = false;
      unsubscribe();
    };
  }

  async currentSlot(): Promise<number> {
    return this.chain.getSlot();
  }

  /** Every program account as of one slot. */
  async snapshot(): Promise<{ slot: number; items: AccountItem[] }> {
    const { slot, accounts } = await this.chain.getProgramAccounts(this.programId);
    const receivedAt = performance.now();
    const items = accounts.map((a) => ({
      kind: "account" as const,
      pubkey: a.address.toBase58(),
      slot,
      data: this.ownData(a),
      receivedAt,
    }));
    return { slot, items };
  }

  /**
   * The program's transactions newer than `until` (all of them when null), oldest first, in
   * chunks. Signatures come newest first from the chain, so they are all listed before any
   * transaction is fetched.
   */
  async *backfill(until: string | null): AsyncGenerator<TransactionItem[]> {
    const signatures: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await this.chain.getSignaturesForAddress(this.programId, {
        before,
        until: until ?? undefined,
        limit: SIGNATURE_PAGE,
      });
      for (const s of page) signatures.push(s.signature);
      if (page.length < SIGNATURE_PAGE) break;
      before = page[page.length - 1]?.signature;
    }
    signatures.reverse();
    for (let i = 0; i < signatures.length; i += FETCH_CONCURRENCY) {
      const chunk = signatures.slice(i, i + FETCH_CONCURRENCY);
      const records = await Promise.all(chunk.map((s) => this.chain.getTransaction(s)));
      const items: TransactionItem[] = [];
      for (const r of records) if (r) items.push(transactionItem(r, r.blockTime));
      yield items;
    }
  }

  private accountItem(change: AccountChange): AccountItem {
    return {
      kind: "account",
      pubkey: change.address.toBase58(),
      slot: change.slot,
      data: change.account ? this.ownData(change.account) : null,
      receivedAt: performance.now(),
    };
  }

  /** An account the program no longer owns is, for the mirror, closed. */
  private ownData(account: ChainAccount): Buffer | null {
    return account.owner.equals(this.programId) && account.lamports > 0n ? account.data : null;
  }
}

function transactionItem(
  t: Pick<LogsNotification, "signature" | "slot" | "err" | "logs">,
  blockTime: number | null,
): TransactionItem {
  return {
    kind: "transaction",
    signature: t.signature,
    slot: t.slot,
    err: t.err,
    logs: t.logs,
    blockTime,
    receivedAt: performance.now(),
  };
}
