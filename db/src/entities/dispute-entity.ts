/**
 * `disputes`: one per disputed job. The money (the fee, the frozen escrow, the payout) is the
 * program's and shows in the mirror; this row keeps what the chain does not: the reason and
 * description behind the on-chain `reason_hash`, who answers it, and the arbiter's ruling in
 * the API's words. It is the source of the client-restriction rule and the trust inputs.
 */
import { DISPUTE_REASONS, DISPUTE_RULINGS, type DisputeReason, type DisputeRuling } from "@justpay/sdk/schemas";
import { EntitySchema } from "@mikro-orm/core";

/** The API's enums (its wire schemas) are the columns' allowed values. */
export { DISPUTE_REASONS, DISPUTE_RULINGS, type DisputeReason, type DisputeRuling };

export interface DisputeRow {
  id: string;
  job_id: string;
  claimant_agent_id: string;
  respondent_agent_id: string;
  /** Which side of the job filed. */
  party: "client" | "provider";
  reason: DisputeReason;
  description: string | null;
  /** Micro-USDC the program charged the claimant (the DisputeOpened event's `fee`). */
  fee: string;
  status: "open" | "resolved";
  outcome: DisputeRuling | null;
  note: string | null;
  resolved_at: Date | null;
  created_at: Date;
}

export const Dispute = new EntitySchema<DisputeRow>({
  name: "Dispute",
  tableName: "disputes",
  properties: {
    id: { type: "string", columnType: "text", primary: true },
    job_id: { type: "string", columnType: "text" },
    claimant_agent_id: { type: "string", columnType: "text" },
    respondent_agent_id: { type: "string", columnType: "text" },
    party: { enum: true, items: ["client", "provider"], columnType: "text" },
    reason: { type: "string", columnType: "text" },
    description: { type: "string", columnType: "text", nullable: true },
    fee: { type: "string", columnType: "numeric(20,0)" },
    status: { enum: true, items: ["open", "resolved"], columnType: "text", default: "open" },
    outcome: { type: "string", columnType: "text", nullable: true },
    note: { type: "string", columnType: "text", nullable: true },
    resolved_at: { type: "Date", columnType: "timestamptz", nullable: true },
    created_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
  },
  indexes: [
    { name: "disputes_claimant_index", properties: ["claimant_agent_id", "party"] },
    { name: "disputes_respondent_index", properties: ["respondent_agent_id"] },
    { name: "disputes_status_index", properties: ["status", "created_at"] },
  ],
  uniques: [{ name: "disputes_job_id_unique", properties: ["job_id"] }],
  checks: [
    // As Postgres prints it back, so that the migration check sees no drift (party and status
    // are enums, whose checks the ORM names and writes itself).
    {
      name: "disputes_outcome_check",
      expression: "((outcome IS NULL) OR (outcome = ANY (ARRAY['claimant'::text, 'respondent'::text, 'split'::text])))",
    },
  ],
});
