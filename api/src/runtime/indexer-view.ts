/**
 * What the API needs from the indexer: read-your-writes (`waitForSlot`) and its health. The
 * indexer may run in this process (local stack, tests) or elsewhere (separate roles); routes
 * see the same interface either way.
 */
import type { Indexer } from "@justpay/indexer";

export interface IndexerStatus {
  /** The catch-up is done and the mirror follows the chain live. */
  live: boolean;
  /** Highest slot whose state is committed to the mirror. */
  indexedSlot: number;
  /** Age of the oldest change received but not yet committed (0 when caught up). */
  lagMs: number;
}

export interface IndexerView {
  /** Resolves once the mirror reflects everything up to `slot`; rejects with `SlotWaitTimeout`. */
  waitForSlot(slot: number, timeoutMs?: number): Promise<void>;
  status(): Promise<IndexerStatus>;
}

export const DEFAULT_SLOT_WAIT_MS = 10_000;

export function indexerStatus(indexer: Indexer): IndexerStatus {
  const s = indexer.status();
  return { live: s.live, indexedSlot: s.indexedSlot, lagMs: s.timeLagMs };
}

/** The indexer runs in this process: wait on its watermark directly. */
export function inProcessIndexerView(indexer: Indexer): IndexerView {
  return {
    waitForSlot: (slot, timeoutMs = DEFAULT_SLOT_WAIT_MS) => indexer.waitForSlot(slot, timeoutMs),
    status: async () => indexerStatus(indexer),
  };
}
