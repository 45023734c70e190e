/**
 * Sending with confirmation, the way production senders do it: broadcast the raw transaction
 * with `maxRetries: 0` (the node's own retry queue is opaque and drops under load), then poll
 * its status and re-broadcast it ourselves every `rebroadcastIntervalMs` until it reaches the
 * wanted commitment, or until the block height passes the blockhash's last valid height:
 * from then on it can never land, so BlockhashExpiredError tells the caller to rebuild and
 * re-sign. Re-broadcasting the same signed bytes is safe: a signature lands at most once.
 */
import { type Connection, SendTransactionError, type SignatureStatus } from "@solana/web3.js";
import { customErrorFromLogs } from "../../program/errors.js";
import { BlockhashExpiredError, TransactionRejectedError } from "../errors.js";
import type { Commitment } from "../port.js";
import { reached } from "./mapping.js";

export interface SendConfig {
  commitment: Commitment;
  /** Simulate before sending; a failing transaction is then rejected instead of landing. */
  preflight: boolean;
  pollIntervalMs: number;
  rebroadcastIntervalMs: number;
}

export interface InFlight {
  wire: Uint8Array;
  signature: string;
  blockhash: string;
  lastValidBlockHeight: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rejection(e: unknown, tx: InFlight): Error {
  if (!(e instanceof SendTransactionError)) return e as Error;
  const logs = e.logs ?? [];
  if (/blockhash not found/i.test(e.transactionError.message)) {
    return new BlockhashExpiredError(tx.signature, tx.blockhash, tx.lastValidBlockHeight);
  }
  return new TransactionRejectedError(tx.signature, e.transactionError.message, logs, customErrorFromLogs(logs));
}

async function status(connection: Connection, signature: string, history = false): Promise<SignatureStatus | null> {
  const res = await connection.getSignatureStatuses([signature], { searchTransactionHistory: history });
  return res.value[0] ?? null;
}

/** Resolves with the landed status at the wanted commitment (the transaction may have failed). */
export async function sendAndConfirm(
  connection: Connection,
  tx: InFlight,
  config: SendConfig,
): Promise<SignatureStatus> {
  const broadcast = (preflight: boolean) =>
    connection.sendRawTransaction(tx.wire, {
      skipPreflight: !preflight,
      maxRetries: 0,
      preflightCommitment: config.commitment,
    });
  try {
    await broadcast(config.preflight);
  } catch (e) {
    throw rejection(e, tx);
  }
  let lastBroadcast = Date.now();
  for (;;) {
    const s = await status(connection, tx.signature);
    if (s && reached(s, config.commitment)) return s;
    if (!s) {
      const height = await connection.getBlockHeight(config.commitment);
      if (height > tx.lastValidBlockHeight) {
        // It may have landed between the two reads; only a status still missing now is final.
        const last = await status(connection, tx.signature, true);
        if (!last) throw new BlockhashExpiredError(tx.signature, tx.blockhash, tx.lastValidBlockHeight);
        if (reached(last, config.commitment)) return last;
      } else if (Date.now() - lastBroadcast >= config.rebroadcastIntervalMs) {
        lastBroadcast = Date.now();
        // Without preflight: a copy that already landed would only fail simulation.
        await broadcast(false).catch(() => undefined);
      }
    }
    await sleep(config.pollIntervalMs);
  }
}
