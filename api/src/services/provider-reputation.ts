/**
 * A provider's standing as discovery shows it beside each service: trust score, average
 * rating and completed jobs. This is the one place they come from, as a relation joined by
 * `agent_id` so that discovery can sort by them in SQL.
 *
 * Jobs, ratings, disputes, reports and verification do not exist in the API yet, so today
 * every agent has the same standing, the neutral one the seed's formula gives an agent with
 * no history:
 *
 * - trust score 0.40: 25 % job success rate (no jobs: 0) + 25 % average rating (none: 0)
 *   + 15 % dispute defence (no disputes lost: full) + 15 % client behaviour (no disputes
 *   filed: full) + 10 % verification (not verified: 0) + 10 % report penalty (no reports: full);
 * - rating null (no ratings yet), completed jobs 0.
 *
 * When jobs and ratings land, this relation is the one thing to change: discovery, service
 * details and their sorts read nothing else.
 */

/** The seed's trust formula for an agent with no history (see above). */
export const NEW_AGENT_TRUST_SCORE = 0.4;

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
  return `select a.id as agent_id, ${NEW_AGENT_TRUST_SCORE}::float8 as trust_score,
                 null::float8 as rating, 0::int as completed_jobs
          from agents a`;
}

/** The relation's columns of one row, as the API shows them. */
export function reputationFromRow(row: { trust_score: number; rating: number | null; completed_jobs: number }) {
  return { trustScore: row.trust_score, rating: row.rating, completedJobs: row.completed_jobs } as ProviderReputation;
}
