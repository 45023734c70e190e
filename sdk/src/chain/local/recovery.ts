/**
 * Recovery replays the log's account images, not its transactions: each entry newer than the
 * snapshot writes back the exact post-state of the accounts it touched and the clock it ran
 * at. That is deterministic (no re-execution, so no dependence on blockhashes, signatures or
 * runtime versions) and cheap. What it does not restore is litesvm's blockhash, which a fresh
 * one replaces afterwards anyway.
 */
import type { LiteSVM } from "litesvm";
import type { ChainClock } from "./clock.js";
import type { CommittedTransaction } from "./log-entry.js";
import { writeImage } from "./svm-accounts.js";

export function applyEntry(svm: LiteSVM, clock: ChainClock, tx: CommittedTransaction): void {
  for (const w of tx.writes) writeImage(svm, w.address, w.after);
  clock.set(tx.slot, BigInt(tx.blockTime));
}
