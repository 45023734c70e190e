/**
 * Closes on an RPC node. A node's programSubscribe never reports a closed account
 * (solana-labs/solana#25097), so a mirror fed by it alone would keep settled jobs open
 * forever. Every state change emits an event naming its accounts (DESIGN.md §5.5), so after
 * each successful transaction the accounts its events mention are looked up once: those
 * that no longer exist, or left the program, are reported closed at the transaction's slot.
 * Mentions that never were program accounts (wallets, mints) match no row and cost nothing
 * but the lookup.
 */

import type { Chain } from "@justpay/sdk";
import { PublicKey } from "@solana/web3.js";
import type { EventDecoder } from "../decode/event-decoder.js";
import type { AccountItem, TransactionItem } from "../pipeline/items.js";

export class CloseDetector {
  constructor(
    private readonly chain: Chain,
    private readonly programId: PublicKey,
    private readonly events: EventDecoder,
  ) {}

  async closedBy(tx: TransactionItem): Promise<AccountItem[]> {
    if (tx.err !== null) return [];
    const mentioned = [...new Set(this.events.decode(tx.logs).flatMap((e) => e.mentions))];
    if (mentioned.length === 0) return [];
    const accounts = await this.chain.getMultipleAccounts(mentioned.map((k) => new PublicKey(k)));
    const closed: AccountItem[] = [];
    mentioned.forEach((pubkey, i) => {
      const a = accounts[i];
      if (a && a.lamports > 0n && a.owner.equals(this.programId)) return;
      closed.push({ kind: "account", pubkey, slot: tx.slot, data: null, receivedAt: tx.receivedAt });
    });
    return closed;
  }
}
