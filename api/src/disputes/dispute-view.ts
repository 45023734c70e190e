/** A dispute as the API answers it: on the job it froze, in the filing's answer and the admin list. */

import type { DisputeRow } from "@justpay/db";
import type { DisputeView } from "@justpay/sdk/schemas";

export type { DisputeView };

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
