/**
 * The indexer's view of any `Chain` (LocalChain or RpcChain): a live stream of account
 * changes and logs, a snapshot of all program accounts, and a by-signature backfill of the
 * transactions after a checkpoint. Everything is turned into raw items; decoding is the
 * processor's job.
 */
import type { PublicKey } from "@solana/web3.js";
import type {
  AccountChange,
  Chain,
  ChainAccount,
  ChainListener,
  LogsNotification,
} from "../../../sdk/src/chain/port.js";
import type { AccountItem, SourceItem, TransactionItem } from "../pipeline/items.js";

const SIGNATURE_PAGE = 1_000;
const FETCH_CONCURRENCY = 16;

export class ChainSource {
  readonly name: string;

  constructor(
    private readonly chain: Chain,
    readonly programId: PublicKey = chain.programId,
    name?: string,
  ) {
    this.name = name ?? `${chain.kind}:${programId.toBase58()}`;
  }

  /** `onResubscribed`: the stream dropped and resumed, so changes in between were missed. */
  subscribe(onItem: (item: SourceItem) => void, onResubscribed: () => void): () => void {
    // Typed wider than the port's listener so this compiles before and after the port gains
    // `onResubscribed` (RpcChain calls it; LocalChain's stream cannot drop).
    const listener: ChainListener & { onResubscribed?(): void } = {
      onAccountChange: (change) => onItem(this.accountItem(change)),
      onLogs: (logs) => onItem(transactionItem(logs, null)),
      onResubscribed,
    };
    return this.chain.subscribe(listener);
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
