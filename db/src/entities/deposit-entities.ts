/**
 * The deposit scan's memory. `deposit_credits` has one row per SPL transfer seen coming into
 * an agent's USDC account, keyed by the transfer itself (signature, index), so two scans
 * racing over the same transfer record it once; the row then follows the `deposit`
 * instruction that credits it. `deposit_scan_cursors` remembers, per agent, the newest
 * transaction already examined, so a scan asks the chain only for what is new.
 *
 * Why a table and not the indexed `Deposited` events: an event says how much was credited
 * and from whom, but not which transfer it was for, so two equal transfers from one sender
 * could not be told apart, and a crash between a transfer being seen and its deposit
 * landing would leave nothing that remembers it.
 */
import { EntitySchema } from "@mikro-orm/core";

export type CreditStatus =
  /** Seen, not credited yet (or a failed attempt reopened for another try). */
  | "pending"
  /** The `deposit` for it landed. */
  | "credited"
  /** The program refused the `deposit`; `error` says why. */
  | "failed";

export interface DepositCreditRow {
  transfer_signature: string;
  transfer_index: number;
  agent_id: string;
  /** Micro-USDC, as text (u64). */
  amount: string;
  source_token_account: string;
  source_owner: string;
  transfer_slot: string;
  status: CreditStatus;
  /** Attempts so far; a retry after a refusal runs under a new idempotency key. */
  attempt: number;
  deposit_signature: string | null;
  deposit_slot: string | null;
  error: string | null;
  created_at: Date;
  credited_at: Date | null;
  /**
   * When a confirm-deposit answer told the agent about this credit. A deposit the background
   * scan credited first is still reported by the next confirm-deposit, once.
   */
  reported_at: Date | null;
}

export const DepositCredit = new EntitySchema<DepositCreditRow>({
  name: "DepositCredit",
  tableName: "deposit_credits",
  properties: {
    transfer_signature: { type: "string", columnType: "text", primary: true },
    transfer_index: { type: "integer", columnType: "int", primary: true },
    agent_id: { type: "string", columnType: "text" },
    amount: { type: "string", columnType: "numeric(20,0)" },
    source_token_account: { type: "string", columnType: "text" },
    source_owner: { type: "string", columnType: "text" },
    transfer_slot: { type: "bigint", columnType: "bigint" },
    status: { type: "string", columnType: "text", default: "pending" },
    attempt: { type: "integer", columnType: "int", default: 0 },
    deposit_signature: { type: "string", columnType: "text", nullable: true },
    deposit_slot: { type: "bigint", columnType: "bigint", nullable: true },
    error: { type: "string", columnType: "text", nullable: true },
    created_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
    credited_at: { type: "Date", columnType: "timestamptz", nullable: true },
    reported_at: { type: "Date", columnType: "timestamptz", nullable: true },
  },
  indexes: [{ name: "deposit_credits_agent_status_index", properties: ["agent_id", "status"] }],
});

export interface DepositScanCursorRow {
  agent_id: string;
  /** The newest signature examined for the agent's USDC account. */
  signature: string;
  updated_at: Date;
}

export const DepositScanCursor = new EntitySchema<DepositScanCursorRow>({
  name: "DepositScanCursor",
  tableName: "deposit_scan_cursors",
  properties: {
    agent_id: { type: "string", columnType: "text", primary: true },
    signature: { type: "string", columnType: "text" },
    updated_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
  },
});
