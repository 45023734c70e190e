/** A dispute as the API answers it: on the job it froze, in the filing's answer and the admin list. */

import { DISPUTE_REASONS, DISPUTE_RULINGS, type DisputeRow } from "@justpay/db";
import { z } from "zod";

export const DisputeSchema = z.object({
  id: z.string(),
  jobId: z.string(),
  claimantAgentId: z.string(),
  respondentAgentId: z.string(),
  party: z.enum(["client", "provider"]).describe("which side of the job filed"),
  reason: z.enum(DISPUTE_REASONS),
  description: z.string().nullable(),
  fee: z.string().describe("micro-USDC charged to the claimant on filing; never refunded"),
  status: z.enum(["open", "resolved"]),
  outcome: z.enum(DISPUTE_RULINGS).nullable().describe("the ruling, relative to the claimant; null while open"),
  note: z.string().nullable().describe("the arbiter's note"),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type DisputeView = z.infer<typeof DisputeSchema>;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** From the row as knex reads it, or as `to_jsonb` nests it in a job's row. */
export function disputeView(d: DisputeRow): DisputeView {
  return {
    id: d.id,
    jobId: d.job_id,
    claimantAgentId: d.claimant_agent_id,
    respondentAgentId: d.respondent_agent_id,
    party: d.party,
    reason: d.reason,
    description: d.description,
    fee: String(d.fee),
    status: d.status,
    outcome: d.outcome,
    note: d.note,
    resolvedAt: iso(d.resolved_at),
    createdAt: iso(d.created_at) as string,
  };
}
