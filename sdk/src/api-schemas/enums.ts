/**
 * The closed vocabularies of the REST API. The database entities (@justpay/db) re-export the
 * ones they store, so a column's allowed values and the API's enums are one list.
 */

export const DISPUTE_REASONS = ["quality", "incomplete", "fraud", "wrong_output", "other"] as const;
export type DisputeReason = (typeof DISPUTE_REASONS)[number];

export const DISPUTE_RULINGS = ["claimant", "respondent", "split"] as const;
export type DisputeRuling = (typeof DISPUTE_RULINGS)[number];

export const REPORT_TARGET_TYPES = ["agent", "service", "job"] as const;
export const REPORT_REASONS = ["spam", "fraud", "illegal", "abuse", "other"] as const;
/**
 * pending: counts against the target; dismissed: by an admin; actioned: upheld by an admin;
 * expired: 30 days passed without a new report against the target; recovered: dismissed by
 * the target's successful jobs since its last report.
 */
export const REPORT_STATUSES = ["pending", "dismissed", "actioned", "expired", "recovered"] as const;

export const PROPOSAL_CATEGORIES = ["feature", "integration", "bug", "tooling"] as const;
export const PROPOSAL_STATUSES = ["open", "accepted", "declined", "shipped"] as const;

/** The entry types of `GET /wallet/transactions` (the API's history-entries.ts maps events to them). */
export const TRANSACTION_TYPES = [
  "deposit",
  "fee",
  "escrow_lock",
  "earned",
  "spent",
  "refund",
  "withdrawal",
  "dispute_fee",
  "campaign_escrow_lock",
  "campaign_task_spent",
  "campaign_task_earned",
  "campaign_refund",
  "campaign_topup",
] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];

export const JOB_STATUSES = [
  "open",
  "queued",
  "pending",
  "accepted",
  "delivered",
  "disputed",
  "completed",
  "cancelled",
  "expired",
  "failed",
] as const;

export const CAMPAIGN_STATUSES = ["active", "paused", "completed", "cancelled", "failed"] as const;
export const TASK_STATUSES = ["claimed", "delivered", "accepted", "rejected", "expired"] as const;

/** `sortBy` of `GET /services/discover`. */
export const SERVICE_SORTS = ["price", "rating", "completedJobs", "newest"] as const;
export type ServiceSort = (typeof SERVICE_SORTS)[number];
