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
 * The relation's three columns as SQL expressions over an `agent_reputation` row left-joined
 * as `alias` (null columns when the agent has none): for queries that already join `agents`,
 * such as discovery, which then need not read `agents` a second time.
 */
export function reputationColumns(alias: string): { trust_score: string; rating: string; completed_jobs: string } {
  return {
    trust_score: `coalesce(${alias}.trust_score, ${NEW_AGENT_TRUST_SCORE}::float8)`,
    rating: `${alias}.rating`,
    completed_jobs: `coalesce(${alias}.completed_jobs, 0)::int`,
  };
}

/**
 * SQL for the relation `(agent_id, trust_score, rating, completed_jobs)` over every agent,
 * to be joined as `join (${providerReputationSql()}) reputation on reputation.agent_id = …`.
 */
export function providerReputationSql(): string {
  const c = reputationColumns("ar");
  return `select a.id as agent_id, ${c.trust_score} as trust_score, ${c.rating} as rating,
                 ${c.completed_jobs} as completed_jobs
          from agents a left join agent_reputation ar on ar.agent_id = a.id`;
}

/** The relation's columns of one row, as the API shows them. */
export function reputationFromRow(row: { trust_score: number; rating: number | null; completed_jobs: number }) {
  return { trustScore: row.trust_score, rating: row.rating, completedJobs: row.completed_jobs } as ProviderReputation;
}
