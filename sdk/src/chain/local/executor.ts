/**
 * Executes one signed transaction against litesvm and captures everything the log needs:
 * the outcome, the logs, and the image of every writable account afterwards.
 *
 * A transaction either lands (it was charged its fee, succeeded or failed: it gets a slot
 * and a log entry) or is rejected before execution (duplicate, unknown or expired
 * blockhash, bad signature, fee payer that cannot pay): then nothing changed, the slot it
 * opened is given back, and a typed error is thrown, as a node would refuse it.
 */
import type { Clock, FailedTransactionMetadata, LiteSVM, TransactionMetadata } from "litesvm";
import { encodeBase58 } from "../base58.js";
import { wireTransactionFee } from "../compute-budget.js";
import { BlockhashExpiredError, TransactionRejectedError } from "../errors.js";
import { customErrorCode, formatTransactionError, type RpcTransactionError } from "../tx-error.js";
import type { SignedWire } from "../wire.js";
import type { WireTransaction } from "../wire-transaction.js";
import type { BlockhashWindow } from "./blockhash-window.js";
import type { ChainClock } from "./clock.js";
import { toRpcTransactionError } from "./litesvm-errors.js";
import { liteSvm } from "./litesvm-module.js";
import type { AccountWrite, CommittedTransaction } from "./log-entry.js";
import { type MessageAccounts, messageAccounts } from "./message-accounts.js";
import { nativeSvm } from "./native-svm.js";
import { type AccountImage, readImage } from "./svm-accounts.js";

export interface ExecutorContext {
  svm: LiteSVM;
  clock: ChainClock;
  blockhashes: BlockhashWindow;
  isKnownSignature(signature: string): boolean;
}

/** The checks a node makes before it executes anything. Throws when the transaction cannot land. */
function prepare(ctx: ExecutorContext, { tx, signature }: SignedWire): MessageAccounts {
  if (ctx.isKnownSignature(signature)) throw new TransactionRejectedError(signature, "AlreadyProcessed");
  const blockhash = encodeBase58(tx.recentBlockhash);
  if (!ctx.blockhashes.isValid(blockhash)) {
    throw new BlockhashExpiredError(signature, blockhash, ctx.blockhashes.lastValidBlockHeight(blockhash));
  }
  const accounts = messageAccounts(ctx.svm, tx);
  if (typeof accounts === "string") throw new TransactionRejectedError(signature, accounts);
  return accounts;
}

function rejection(signature: string, res: FailedTransactionMetadata): TransactionRejectedError {
  const err = toRpcTransactionError(res.err());
  const logs = res.meta().logs();
  return new TransactionRejectedError(
    signature,
    formatTransactionError(err) ?? "unknown",
    logs,
    customErrorCode(err, logs),
  );
}

function run(ctx: ExecutorContext, tx: WireTransaction, previous: Clock, signature: string) {
  const svm = nativeSvm(ctx.svm);
  try {
    // Missing signatures were refused by signedWire; the binding verifies the others
    // (sigverify is on), failing a bad one without a charge, so `execute` refuses it.
    return tx.version === "legacy" ? svm.sendLegacyTransaction(tx.bytes) : svm.sendVersionedTransaction(tx.bytes);
  } catch (e) {
    ctx.clock.restore(previous);
    throw new TransactionRejectedError(signature, `SanitizeFailure: ${(e as Error).message}`);
  }
}

export function execute(ctx: ExecutorContext, signed: SignedWire, seq: number): CommittedTransaction {
  const { tx, signature } = signed;
  const accounts = prepare(ctx, signed);
  const before = accounts.keys.map((k) => readImage(ctx.svm, k));
  const opened = ctx.clock.openSlot();
  const res = run(ctx, tx, opened.previous, signature);
  const failed = res instanceof liteSvm().FailedTransactionMetadata;
  const payer = accounts.keys[0]!;
  const payerAfter = readImage(ctx.svm, payer);
  // A failed transaction landed only if it was charged; otherwise the node never accepted it.
  if (failed && (payerAfter?.lamports ?? 0n) === (before[0]?.lamports ?? 0n)) {
    ctx.clock.restore(opened.previous);
    throw rejection(signature, res);
  }
  const meta: TransactionMetadata = failed ? res.meta() : res;
  const after: (AccountImage | null)[] = accounts.keys.map((k, i) =>
    i === 0 ? payerAfter : accounts.writable[i] ? readImage(ctx.svm, k) : (before[i] ?? null),
  );
  const writes: AccountWrite[] = [];
  accounts.keys.forEach((address, i) => {
    if (accounts.writable[i]) writes.push({ address, ownerBefore: before[i]?.owner ?? null, after: after[i] ?? null });
  });
  const err: RpcTransactionError | null = failed ? toRpcTransactionError(res.err()) : null;
  return {
    seq,
    signature,
    slot: opened.slot,
    blockTime: Number(opened.unixTime),
    err,
    logs: meta.logs(),
    computeUnits: Number(meta.computeUnitsConsumed()),
    fee: wireTransactionFee(tx),
    version: tx.version,
    accountKeys: accounts.keys,
    writable: accounts.writable,
    loaded: accounts.loaded,
    preBalances: before.map((a) => a?.lamports ?? 0n),
    postBalances: after.map((a) => a?.lamports ?? 0n),
    wire: Buffer.from(tx.bytes.buffer, tx.bytes.byteOffset, tx.bytes.byteLength).toString("base64"),
    writes,
  };
}

export interface Simulation {
  err: RpcTransactionError | null;
  logs: string[];
  computeUnits: number;
}

/** Runs a transaction without committing it: the preflight a node does before accepting one. */
export function simulate(ctx: ExecutorContext, signed: SignedWire): Simulation {
  prepare(ctx, signed);
  const { tx } = signed;
  const svm = nativeSvm(ctx.svm);
  const res =
    tx.version === "legacy" ? svm.simulateLegacyTransaction(tx.bytes) : svm.simulateVersionedTransaction(tx.bytes);
  const meta = res.meta();
  return {
    err: res instanceof liteSvm().FailedTransactionMetadata ? toRpcTransactionError(res.err()) : null,
    logs: meta.logs(),
    computeUnits: Number(meta.computeUnitsConsumed()),
  };
}
