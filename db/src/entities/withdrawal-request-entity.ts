/**
 * Money an agent asked to take out of the vault: a `withdraw` queued for the worker, or a
 * `panic` (recorded once it landed). The chain holds the balances; this row is the request,
 * its outcome, and what makes a queued amount count as pending until the mirror shows it.
 */
import { EntitySchema } from "@mikro-orm/core";

export type WithdrawalKind = "withdraw" | "panic";
export type WithdrawalStatus = "queued" | "settled" | "failed";

export interface WithdrawalRequestRow {
  id: string;
  agent_id: string;
  kind: WithdrawalKind;
  /** Micro-USDC debited from the ledger (the fee included). */
  amount: string;
  /** Micro-USDC of `amount` kept by the platform; `amount − fee` reaches the destination. */
  fee: string;
  /** The owner paid: the withdrawal address at request time, or the emergency address. */
  destination: string;
  status: WithdrawalStatus;
  signature: string | null;
  /** Why it failed: the program's message, or the panic that cancelled it. */
  error: string | null;
  /** The HTTP Idempotency-Key it was made under, if any. */
  idempotency_key: string | null;
  /** Set when the worker handed it to the outbox; a panic cancels only requests not started. */
  started_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const WithdrawalRequest = new EntitySchema<WithdrawalRequestRow>({
  name: "WithdrawalRequest",
  tableName: "withdrawal_requests",
  properties: {
    id: { type: "string", columnType: "text", primary: true },
    agent_id: { type: "string", columnType: "text" },
    kind: { type: "string", columnType: "text" },
    amount: { type: "decimal", columnType: "numeric(20,0)" },
    fee: { type: "decimal", columnType: "numeric(20,0)" },
    destination: { type: "string", columnType: "text" },
    status: { type: "string", columnType: "text" },
    signature: { type: "string", columnType: "text", nullable: true },
    error: { type: "text", columnType: "text", nullable: true },
    idempotency_key: { type: "string", columnType: "text", nullable: true },
    started_at: { type: "Date", columnType: "timestamptz", nullable: true },
    created_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
    updated_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
  },
  indexes: [{ name: "withdrawal_requests_agent_status_index", properties: ["agent_id", "status"] }],
  uniques: [{ name: "withdrawal_requests_agent_key_unique", properties: ["agent_id", "idempotency_key"] }],
});
