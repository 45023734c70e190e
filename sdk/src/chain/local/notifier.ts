/**
 * Delivers committed transactions to listeners asynchronously, in commit order. Deliveries
 * are queued at commit time (so a listener sees exactly the transactions committed while it
 * was subscribed) and drained on a later turn of the event loop, so no listener ever runs
 * inside `sendTransaction` and a listener may itself send transactions without deadlock.
 */
import type { PublicKey } from "@solana/web3.js";
import type { ChainListener } from "../port.js";
import type { CommittedTransaction } from "./log-entry.js";
import { programAccountChanges, programLogs } from "./notifications.js";

export type TransactionListener = (tx: CommittedTransaction) => void;

interface Subscription {
  active: boolean;
  deliver(tx: CommittedTransaction): void;
}

export class Notifier {
  private readonly subscriptions = new Set<Subscription>();
  private pending: { tx: CommittedTransaction; to: Subscription[] }[] = [];
  private scheduled = false;
  private drained: (() => void)[] = [];

  constructor(
    private readonly programId: PublicKey,
    private readonly onListenerError: (err: unknown) => void,
  ) {}

  /** Port-level stream: program account changes, then the program's logs, per transaction. */
  subscribe(listener: ChainListener): () => void {
    return this.add((tx) => {
      if (listener.onAccountChange)
        for (const c of programAccountChanges(tx, this.programId)) listener.onAccountChange(c);
      const logs = programLogs(tx, this.programId);
      if (logs && listener.onLogs) listener.onLogs(logs);
    });
  }

  /** Every committed transaction with its account images (the RPC stand-in and local indexers). */
  onTransaction(listener: TransactionListener): () => void {
    return this.add(listener);
  }

  publish(tx: CommittedTransaction): void {
    if (this.subscriptions.size === 0) return;
    this.pending.push({ tx, to: [...this.subscriptions] });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  /** Resolves when everything published so far has been delivered. */
  flushed(): Promise<void> {
    if (!this.scheduled) return Promise.resolve();
    return new Promise((resolve) => this.drained.push(resolve));
  }

  private add(deliver: TransactionListener): () => void {
    const sub: Subscription = { active: true, deliver };
    this.subscriptions.add(sub);
    return () => {
      sub.active = false;
      this.subscriptions.delete(sub);
    };
  }

  private drain(): void {
    // Deliveries published by listeners during this drain go to the next one, keeping order.
    const batch = this.pending;
    this.pending = [];
    for (const { tx, to } of batch) {
      for (const sub of to) {
        if (!sub.active) continue;
        try {
          sub.deliver(tx);
        } catch (e) {
          this.onListenerError(e);
        }
      }
    }
    if (this.pending.length > 0) {
      setImmediate(() => this.drain());
      return;
    }
    this.scheduled = false;
    const waiting = this.drained;
    this.drained = [];
    for (const resolve of waiting) resolve();
  }
}
