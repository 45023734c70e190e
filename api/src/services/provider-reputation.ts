/**
 * A provider's standing as discovery shows it beside each service: trust score, average
 * rating and completed jobs. This is the one place they are read from, as a relation joined
 * by `agent_id` so that discovery can sort by them in SQL. The values are the persisted
 * `agent_reputation` rows (api/src/trust/agent-reputation.ts), computed by the one trust
 * formula (api/src/trust/trust-score.ts); an agent without a row has no history, and so the
 * formula's no-history standing: trust score 0.40, rating null, 0 completed jobs.
 *
 * Callers that want a just-settled job counted call `refreshStaleReputations` first.
 */
import { NEW_AGENT_TRUST_SCORE } from "../trust/agent-reputation.js";

export { NEW_AGENT_TRUST_SCORE };

export interface ProviderReputation {
  trustScore: number;
  /** Mean rating 1-5, null without ratings. */
  rating: number | null;
  completedJobs: number;
}

/**
 * SQL for the relation `(agent_id, trust_score, rating, completed_jobs)` over every agent,
 * to be joined as `join (${providerReputationSql()}) reputation on reputation.agent_id = …`.
 */
export function providerReputationSql(): string {
  return `select a.id as agent_id, coalesce(ar.trust_score, ${NEW_AGENT_TRUST_SCORE}::float8) as trust_score,
                 ar.rating, coalesce(ar.completed_jobs, 0)::int as completed_jobs
          from agents a left join agent_reputation ar on ar.agent_id = a.id`;
}

/** The relation's columns of one row, as the API shows them. */
export function reputationFromRow(row: { trust_score: number; rating: number | null; completed_jobs: number }) {
  return { trustScore: row.trust_score, rating: row.rating, completedJobs: row.completed_jobs } as ProviderReputation;
}
