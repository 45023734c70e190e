/**
 * The node's memory of what recent slots paid per compute unit, per written account, to
 * answer getRecentPrioritizationFees like a node: one entry per recent slot, the price paid
 * there by transactions locking any of the asked accounts (0 when none did).
 *
 * Recording runs for every committed transaction and the method is rarely asked, so a slot's
 * price and written accounts are worked out from its transaction only when first asked for.
 */
import { wireComputeBudget } from "../../compute-budget.js";
import { decodeWireTransaction } from "../../wire-transaction.js";
import type { CommittedTransaction } from "../index.js";

const RECENT_SLOTS = 150;

interface SlotFee {
  slot: number;
  tx: Pick<CommittedTransaction, "wire" | "accountKeys" | "writable">;
  price?: number;
  written?: Set<string>;
}

export class PriorityFeeHistory {
  private readonly slots: SlotFee[] = [];

  record({ slot, wire, accountKeys, writable }: CommittedTransaction): void {
    // Only what the answer needs: the whole record holds account images too.
    this.slots.push({ slot, tx: { wire, accountKeys, writable } });
    if (this.slots.length > RECENT_SLOTS) this.slots.shift();
  }

  recent(accounts: string[]): { slot: number; prioritizationFee: number }[] {
    return this.slots.map((s) => {
      s.price ??= Number(wireComputeBudget(decodeWireTransaction(Buffer.from(s.tx.wire, "base64"))).unitPrice);
      if (accounts.length === 0) return { slot: s.slot, prioritizationFee: s.price };
      const { accountKeys, writable } = s.tx;
      s.written ??= new Set(accountKeys.filter((_, i) => writable[i]));
      const written = s.written;
      return { slot: s.slot, prioritizationFee: accounts.some((a) => written.has(a)) ? s.price : 0 };
    });
  }
}
