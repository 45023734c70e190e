/**
 * What a committed transaction means to `subscribe` listeners: changes of the program's
 * accounts (including closes, which a node's programSubscribe never reports) and the logs of
 * transactions that mention the program.
 */
import { PublicKey } from "@solana/web3.js";
import type { AccountChange, LogsNotification } from "../port.js";
import { formatTransactionError } from "../tx-error.js";
import type { CommittedTransaction } from "./log-entry.js";
import { toChainAccount } from "./svm-accounts.js";

export function programAccountChanges(tx: CommittedTransaction, programId: PublicKey): AccountChange[] {
  // A failed transaction only charged its fee payer, which the program never owns.
  if (tx.err !== null) return [];
  const program = programId.toBase58();
  const changes: AccountChange[] = [];
  for (const w of tx.writes) {
    // An account that left the program (closed or reassigned) is reported too, so a mirror can drop it.
    if (w.after?.owner !== program && w.ownerBefore !== program) continue;
    changes.push({
      slot: tx.slot,
      address: new PublicKey(w.address),
      account: w.after ? toChainAccount(w.address, w.after) : null,
      signature: tx.signature,
    });
  }
  return changes;
}

export function programLogs(tx: CommittedTransaction, programId: PublicKey): LogsNotification | null {
  if (!tx.accountKeys.includes(programId.toBase58())) return null;
  return { signature: tx.signature, slot: tx.slot, err: formatTransactionError(tx.err), logs: tx.logs };
}
