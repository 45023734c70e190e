/**
 * The deposit scan: find the SPL transfers into an agent's USDC account that are not yet
 * credited, and credit each with the program's `deposit`, naming that transfer's sender as
 * `source_owner`.
 *
 * Exactly once: each transfer's `deposit` goes through the outbox under a key derived from
 * the transfer (`deposit:<signature>:<index>`), so however many scans see it, in however many
 * processes, and whatever crashes in between, one `deposit` executes for it. Only after the
 * program refused one (nothing executed) does a retry run under a new key (`…:retry<n>`).
 * In chain order: the first single deposit reaching the activation fee sets the emergency
 * address, so transfers are credited oldest first, one scan per agent at a time.
 */

import type { AgentRow, DepositCreditRow } from "@justpay/db";
import type { AppContext } from "../context.js";
import { TxProgramError, TxVoidedError } from "../tx/errors.js";
import { withLock } from "./agent-lock.js";
import { depositInstruction } from "./deposit-instruction.js";
import { DepositStore } from "./deposit-store.js";
import { usdcAccountOf } from "./usdc-account.js";

/** Transactions examined per chain call; the scan pages on until it has seen everything. */
const SCAN_PAGE = 100;
/** Attempts per transfer, counting the first; each costs a transaction fee. */
export const MAX_DEPOSIT_ATTEMPTS = 5;
const LOCK_TTL_MS = 60_000;

export interface ScanOptions {
  /** Give transfers the program refused another attempt (an explicit confirm-deposit does). */
  retryFailed?: boolean;
  /** How long to wait for a scan of the same agent already running (default 0: skip). */
  waitMs?: number;
}

export interface ScanOutcome {
  /** False when another scan held the agent's lock for all of `waitMs`. */
  ran: boolean;
  /** Transfers this scan credited. */
  credited: number;
}

type ScannedAgent = Pick<AgentRow, "id" | "wallet_address">;

export const depositCreditKey = (row: Pick<DepositCreditRow, "transfer_signature" | "transfer_index" | "attempt">) =>
  `deposit:${row.transfer_signature}:${row.transfer_index}${row.attempt > 0 ? `:retry${row.attempt}` : ""}`;

export async function scanDeposits(ctx: AppContext, agent: ScannedAgent, o: ScanOptions = {}): Promise<ScanOutcome> {
  const lockKey = `${ctx.keyspace}:deposit-scan:${agent.id}`;
  const result = await withLock(ctx.redis, lockKey, { ttlMs: LOCK_TTL_MS, waitMs: o.waitMs ?? 0 }, () =>
    scanLocked(ctx, agent, o),
  );
  return result.ran ? { ran: true, credited: result.value } : { ran: false, credited: 0 };
}

async function scanLocked(ctx: AppContext, agent: ScannedAgent, o: ScanOptions): Promise<number> {
  const store = new DepositStore(ctx.knex);
  await recordNewTransfers(ctx, store, agent);
  if (o.retryFailed) await store.reopenFailed(agent.id, MAX_DEPOSIT_ATTEMPTS);
  const pending = await store.pending(agent.id);
  // The ledger is created at registration through the outbox; until it is mirrored a deposit
  // could only fail, so the transfers wait.
  if (pending.length === 0 || !(await ledgerExists(ctx, agent.wallet_address))) return 0;

  let credited = 0;
  let lastSlot = 0;
  for (const row of pending) {
    const ix = await depositInstruction(ctx, agent.wallet_address, BigInt(row.amount), row.source_owner);
    try {
      const landed = await ctx.tx.execute(depositCreditKey(row), "deposit", [ix]);
      await store.markCredited(row, landed);
      credited++;
      lastSlot = Math.max(lastSlot, landed.slot);
    } catch (e) {
      if (!(e instanceof TxProgramError || e instanceof TxVoidedError)) throw e;
      const reason = e instanceof TxProgramError ? (e.errorName ?? e.message) : e.reason;
      ctx.log.warn({ agentId: agent.id, transfer: row.transfer_signature, reason }, "deposit refused");
      await store.markFailed(row, reason);
    }
  }
  if (lastSlot > 0) await ctx.waitForSlot(lastSlot);
  return credited;
}

/** Pages through the chain from the agent's cursor, recording each page with the cursor it reached. */
async function recordNewTransfers(ctx: AppContext, store: DepositStore, agent: ScannedAgent): Promise<void> {
  const account = usdcAccountOf(ctx, agent.wallet_address);
  let until = await store.cursor(agent.id);
  for (;;) {
    const scan = await ctx.chain.getTokenTransfersInto(account, { until, limit: SCAN_PAGE });
    if (!scan.cursor) return;
    await store.recordScan(agent.id, scan.transfers, scan.cursor);
    if (!scan.more) return;
    until = scan.cursor;
  }
}

async function ledgerExists(ctx: AppContext, walletAddress: string): Promise<boolean> {
  const { rows } = await ctx.knex.raw("select 1 from chain_agent where wallet = ? and closed_at is null", [
    walletAddress,
  ]);
  return rows.length > 0;
}
