/**
 * `POST /wallet/confirm-deposit`: scan now (waiting for a scan already running for the agent),
 * then report every credit the agent has not been told about, including ones the background
 * scan made, each exactly once.
 */

import type { AgentRow } from "@justpay/db";
import type { AppContext } from "../context.js";
import { conflict } from "../http/http-error.js";
import { scanDeposits } from "./deposit-scanner.js";
import { DepositStore } from "./deposit-store.js";
import { readLedger } from "./ledger.js";

export const NO_DEPOSIT_MESSAGE =
  "No new deposits found. Make sure your USDC transfer is confirmed on-chain before retrying.";

/** Longer than one scan normally takes: the second of two racing requests waits for the first. */
const WAIT_FOR_RUNNING_SCAN_MS = 30_000;

export interface ConfirmDepositView {
  message: string;
  depositsFound: number;
  totalCredited?: string;
  activated?: boolean;
  action?: { type: "set_withdrawal_address"; suggestedAddress: string; message: string };
}

export async function confirmDeposit(
  ctx: AppContext,
  agent: Pick<AgentRow, "id" | "wallet_address">,
): Promise<ConfirmDepositView> {
  const scan = await scanDeposits(ctx, agent, { retryFailed: true, waitMs: WAIT_FOR_RUNNING_SCAN_MS });
  if (!scan.ran) throw conflict("A deposit check for this agent is still running; retry in a few seconds");
  const reported = await new DepositStore(ctx.knex).claimUnreported(agent.id);
  if (reported.length === 0) return { message: NO_DEPOSIT_MESSAGE, depositsFound: 0 };

  const ledger = await readLedger(ctx.knex, agent.wallet_address);
  const total = reported.reduce((sum, r) => sum + BigInt(r.amount), 0n);
  const view: ConfirmDepositView = {
    message: `${reported.length} deposit(s) credited to your account`,
    depositsFound: reported.length,
    totalCredited: total.toString(),
    activated: ledger?.activated ?? false,
  };
  if (ledger && !ledger.withdrawalAddress) {
    // The emergency address is the sender that activated the account; before that, the first sender.
    const suggestedAddress = ledger.emergencyAddress ?? reported[0]!.source_owner;
    view.action = {
      type: "set_withdrawal_address",
      suggestedAddress,
      message:
        "Set your withdrawal address to receive funds: call PUT /api/v1/wallet/withdrawal-address with " +
        `{"address": "${suggestedAddress}"} to use the wallet you deposited from.`,
    };
  }
  return view;
}
