/**
 * The node's memory of what recent slots paid per compute unit, per written account, to
 * answer getRecentPrioritizationFees like a node: one entry per recent slot, the price paid
 * there by transactions locking any of the asked accounts (0 when none did).
 */
import { VersionedTransaction } from "@solana/web3.js";
import { computeBudget } from "../../compute-budget.js";
import type { CommittedTransaction } from "../index.js";

const RECENT_SLOTS = 150;

interface SlotFee {
  slot: number;
  price: number;
  writable: Set<string>;
}

export class PriorityFeeHistory {
  private readonly slots: SlotFee[] = [];

  record(tx: CommittedTransaction): void {
    const message = VersionedTransaction.deserialize(Buffer.from(tx.wire, "base64")).message;
    const writable = new Set(tx.accountKeys.filter((_, i) => tx.writable[i]));
    this.slots.push({ slot: tx.slot, price: Number(computeBudget(message).unitPrice), writable });
    if (this.slots.length > RECENT_SLOTS) this.slots.shift();
  }

  recent(accounts: string[]): { slot: number; prioritizationFee: number }[] {
    return this.slots.map((s) => ({
      slot: s.slot,
      prioritizationFee: accounts.length === 0 || accounts.some((a) => s.writable.has(a)) ? s.price : 0,
    }));
  }
}
