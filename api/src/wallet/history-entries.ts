/**
 * How the program's events become an agent's transaction history (`GET /wallet/transactions`).
 * One event can make several entries (a deposit that paid the activation fee is a `deposit`
 * and a `fee`), and an event makes none for an agent it does not move money for. The table
 * `HISTORY_MAPPING` documents the same rules for the OpenAPI description; keep them together.
 */

import { TRANSACTION_TYPES, type TransactionType } from "@justpay/sdk/schemas";

export { TRANSACTION_TYPES, type TransactionType };

/** Which events move an agent's money, and into which entries (for the API docs). */
export const HISTORY_MAPPING = [
  "Deposited (wallet): deposit = amount; fee = activation_fee when the deposit paid it",
  "Withdrawn (wallet): withdrawal = amount − fee (what arrived); fee = fee",
  "Panicked (wallet): withdrawal = amount (to the emergency address)",
  "JobCreated (client): escrow_lock = amount + fee",
  "JobSettled (client): spent = to_provider; fee = to_platform; refund = to_client",
  "JobSettled (provider): earned = to_provider",
  "DisputeOpened (claimant): dispute_fee = fee",
  "CampaignCreated (owner): campaign_escrow_lock = pool",
  "CampaignToppedUp (owner's campaign): campaign_topup = amount",
  "TaskPaid (claimant): campaign_task_earned = amount",
  "TaskPaid (owner's campaign): campaign_task_spent = amount; fee = fee",
  "TaskRejected, TaskExpired (owner's campaign, refunded to the owner): campaign_refund = refunded",
  "CampaignCancelled (owner): campaign_refund = refunded",
] as const;

/** The events whose entries HISTORY_MAPPING describes; no other event moves an agent's money. */
export const MONEY_EVENTS = [
  "Deposited",
  "Withdrawn",
  "Panicked",
  "JobCreated",
  "JobSettled",
  "DisputeOpened",
  "CampaignCreated",
  "CampaignToppedUp",
  "TaskPaid",
  "TaskRejected",
  "TaskExpired",
  "CampaignCancelled",
] as const;

export interface EventRow {
  signature: string;
  event_index: number;
  slot: string;
  name: string;
  data: Record<string, unknown>;
  at: Date;
}

export interface HistoryEntry {
  id: string;
  type: TransactionType;
  /** Micro-USDC, always positive; `direction` says which way it moved. */
  amount: string;
  direction: "in" | "out";
  /** The transaction, so anyone can look it up on-chain. */
  signature: string;
  slot: number;
  createdAt: string;
  /** The job, campaign or task account, or the outside address (deposit source, withdrawal target). */
  reference: string | null;
}

/** Whose point of view: the agent's wallet and the campaigns it owns. */
export interface HistoryViewer {
  wallet: string;
  campaigns: ReadonlySet<string>;
}

type Draft = [TransactionType, unknown, "in" | "out", unknown?];

const str = (v: unknown) => (typeof v === "string" ? v : v == null ? "" : String(v));

function drafts(e: EventRow, me: HistoryViewer): Draft[] {
  const d = e.data;
  const mine = (key: string) => str(d[key]) === me.wallet;
  const myCampaign = me.campaigns.has(str(d.campaign));
  switch (e.name) {
    case "Deposited":
      return mine("wallet")
        ? [
            ["deposit", d.amount, "in", d.source_owner],
            ["fee", d.activation_fee, "out"],
          ]
        : [];
    case "Withdrawn":
      return mine("wallet")
        ? [
            ["withdrawal", BigInt(str(d.amount)) - BigInt(str(d.fee)), "out", d.address],
            ["fee", d.fee, "out"],
          ]
        : [];
    case "Panicked":
      return mine("wallet") ? [["withdrawal", d.amount, "out", d.emergency_address]] : [];
    case "JobCreated":
      return mine("client") ? [["escrow_lock", BigInt(str(d.amount)) + BigInt(str(d.fee)), "out", d.job]] : [];
    case "JobSettled":
      if (mine("client")) {
        return [
          ["spent", d.to_provider, "out", d.job],
          ["fee", d.to_platform, "out", d.job],
          ["refund", d.to_client, "in", d.job],
        ];
      }
      return mine("provider") ? [["earned", d.to_provider, "in", d.job]] : [];
    case "DisputeOpened":
      return mine("claimant") ? [["dispute_fee", d.fee, "out", d.job]] : [];
    case "CampaignCreated":
      return mine("owner") ? [["campaign_escrow_lock", d.pool, "out", d.campaign]] : [];
    case "CampaignToppedUp":
      return myCampaign ? [["campaign_topup", d.amount, "out", d.campaign]] : [];
    case "TaskPaid":
      if (mine("agent")) return [["campaign_task_earned", d.amount, "in", d.task]];
      return myCampaign
        ? [
            ["campaign_task_spent", d.amount, "out", d.task],
            ["fee", d.fee, "out", d.task],
          ]
        : [];
    case "TaskRejected":
    case "TaskExpired":
      return myCampaign && d.to_owner === true ? [["campaign_refund", d.refunded, "in", d.task]] : [];
    case "CampaignCancelled":
      return mine("owner") ? [["campaign_refund", d.refunded, "in", d.campaign]] : [];
    default:
      return [];
  }
}

/** The event's entries for this agent, zero amounts left out (a deposit that paid no fee). */
export function historyEntries(e: EventRow, me: HistoryViewer): HistoryEntry[] {
  return drafts(e, me)
    .filter(([, amount]) => BigInt(str(amount) || "0") > 0n)
    .map(([type, amount, direction, reference], n) => ({
      id: `${e.signature}:${e.event_index}:${n}`,
      type,
      amount: str(amount),
      direction,
      signature: e.signature,
      slot: Number(e.slot),
      createdAt: e.at.toISOString(),
      reference: reference == null ? null : str(reference),
    }));
}
