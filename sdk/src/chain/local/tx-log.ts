/**
 * The ordered transaction history in memory, indexed by signature and by account, answering
 * `getSignaturesForAddress` with the RPC's semantics: newest first; `before` starts strictly
 * below that transaction (an unknown `before` yields nothing, as on a node); `until` stops
 * just above it (an unknown `until` is ignored); `limit` defaults to and caps at 1000.
 */
import type { TransactionEntry } from "./log-entry.js";

export const MAX_SIGNATURES_LIMIT = 1000;

export interface HistoryPage {
  before?: string;
  until?: string;
  limit?: number;
}

export class TxLog {
  private readonly entries: TransactionEntry[] = [];
  private readonly bySignature = new Map<string, TransactionEntry>();
  /** Per account, the entries that name it, oldest first. */
  private readonly byAddress = new Map<string, TransactionEntry[]>();

  /** @param base the sequence the history starts after (0 unless the log file was lost). */
  constructor(private readonly base = 0) {}

  get lastSeq(): number {
    return this.entries.at(-1)?.seq ?? this.base;
  }

  get size(): number {
    return this.entries.length;
  }

  add(entry: TransactionEntry): void {
    if (entry.seq !== this.lastSeq + 1) throw new Error(`log sequence ${entry.seq} after ${this.lastSeq}`);
    this.entries.push(entry);
    this.bySignature.set(entry.signature, entry);
    for (const key of new Set(entry.accountKeys)) {
      let list = this.byAddress.get(key);
      if (!list) {
        list = [];
        this.byAddress.set(key, list);
      }
      list.push(entry);
    }
  }

  get(signature: string): TransactionEntry | undefined {
    return this.bySignature.get(signature);
  }

  forAddress(address: string, page: HistoryPage = {}): TransactionEntry[] {
    const list = this.byAddress.get(address) ?? [];
    const limit = Math.min(Math.max(page.limit ?? MAX_SIGNATURES_LIMIT, 1), MAX_SIGNATURES_LIMIT);
    let below = Number.POSITIVE_INFINITY;
    if (page.before !== undefined) {
      const before = this.bySignature.get(page.before);
      if (!before) return [];
      below = before.seq;
    }
    const stopAt = page.until === undefined ? 0 : (this.bySignature.get(page.until)?.seq ?? 0);
    const out: TransactionEntry[] = [];
    for (let i = upperBound(list, below) - 1; i >= 0 && out.length < limit; i--) {
      const entry = list[i]!;
      if (entry.seq <= stopAt) break;
      out.push(entry);
    }
    return out;
  }
}

/** Index of the first entry whose seq is >= `seq` (entries are sorted by seq). */
function upperBound(list: TransactionEntry[], seq: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
