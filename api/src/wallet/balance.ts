/**
 * `GET /wallet/balance`'s answer, from the mirror: what the agent can spend, what is on its
 * way out, what is locked, and any security concern worth interrupting it for.
 */
import type { AppContext } from "../context.js";
import { type Ledger, readLedger } from "./ledger.js";
import { pendingWithdrawals } from "./pending.js";

export interface BalanceView {
  available: string;
  pending: string;
  escrowed: string;
  total: string;
  withdrawalAddress: string | null;
  warnings?: string[];
}

/** Before registration is mirrored: nothing yet. */
const EMPTY: Ledger = {
  available: 0n,
  escrowed: 0n,
  activated: false,
  emergencyAddress: null,
  withdrawalAddress: null,
  cooldownUntil: 0n,
  cooldownSeconds: 86_400n,
};

export async function readBalance(
  ctx: AppContext,
  agent: { id: string; wallet_address: string },
): Promise<BalanceView> {
  const [mirrored, pending] = await Promise.all([
    readLedger(ctx.knex, agent.wallet_address),
    pendingWithdrawals(ctx, agent.id),
  ]);
  const ledger = mirrored ?? EMPTY;
  // Queued withdrawals are still in the ledger's available until they settle.
  const available = ledger.available > pending ? ledger.available - pending : 0n;
  const warnings = await securityWarnings(ctx, ledger);
  return {
    available: available.toString(),
    pending: pending.toString(),
    escrowed: ledger.escrowed.toString(),
    total: (available + pending + ledger.escrowed).toString(),
    withdrawalAddress: ledger.withdrawalAddress,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

const iso = (unix: bigint) => new Date(Number(unix) * 1000).toISOString();

/**
 * A cooldown runs only after the withdrawal address was changed (a first set starts none),
 * and it lasts at least 24 h, so a running cooldown is exactly "changed recently". Compared
 * with the chain's clock, which is the one the program enforces it by.
 */
async function securityWarnings(ctx: AppContext, ledger: Ledger): Promise<string[]> {
  if (ledger.cooldownUntil === 0n) return [];
  const now = await ctx.chain.unixTime();
  if (now >= ledger.cooldownUntil) return [];
  const changedAt = ledger.cooldownUntil - ledger.cooldownSeconds;
  return [
    `Security alert: Withdrawal address was changed at ${iso(changedAt)} to ${ledger.withdrawalAddress}. ` +
      `Withdrawals are blocked until ${iso(ledger.cooldownUntil)}. ` +
      "If you did not make this change, call POST /api/v1/wallet/panic immediately.",
  ];
}
