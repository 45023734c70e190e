/**
 * Each agent's reputation, persisted in `agent_reputation` so that discovery can sort on it in
 * SQL: trust score, average rating and its count, completed jobs as provider. It is computed
 * from real counts (the `jobs` table and `job_ratings`) by the one formula, `trustScore`.
 *
 * When it is recomputed:
 * - on a rating, by `recomputeReputation` in the rating's own transaction;
 * - on a job's completion or expiry: a trigger on `jobs` (migration `ratings_reputation`)
 *   flags both parties `stale` in the transaction that writes the job's outcome, whichever
 *   route, sweep or reconcile wrote it; `refreshStaleReputations` recomputes flagged agents
 *   before discovery, service and profile reads. The jobs code need not know about it.
 *
 * - on a dispute's filing and ruling, by `recomputeReputation` for both parties in the
 *   transaction that writes the `disputes` row (api/src/disputes/).
 *
 * A ruling counts as the job's result for the provider: paid in full (DisputeProviderWon) is a
 * completed job, the client refunded in full (DisputeClientWon) a failed one, a split neither.
 * Disputes count from `disputes`: as respondent, each answered and each lost (a ruling for the
 * claimant; a split counts as half lost); as client, each filed. Jobs as client are those
 * completed (released) plus those disputed, so the client-behaviour rate is filed / jobs that
 * reached a verdict.
 * Pending reports count against the score (api/src/reports); recomputing also applies the
 * recovery an agent earned by its successful jobs since its last report.
 * Verification is the admin's grant (agents.verified_at).
 */
import type { Knex } from "@mikro-orm/postgresql";
import { recoverReports } from "../reports/report-recovery.js";
import { pendingReportsSql } from "../reports/warning.js";
import { NO_HISTORY, type TrustInputs, trustScore } from "./trust-score.js";

/** What an agent with no row yet (no jobs settled, no ratings) scores. */
export const NEW_AGENT_TRUST_SCORE = trustScore(NO_HISTORY);

const COMPLETED = `('Released', 'AutoReleased')`;

/** The counts the formula takes, read in `trx`. */
async function trustInputsOf(trx: Knex, agentId: string): Promise<TrustInputs> {
  const { rows } = await trx.raw(
    `select
       (select count(*)::int from jobs where provider_agent_id = :id
           and (outcome in ${COMPLETED} or outcome = 'DisputeProviderWon')) as completed,
       (select count(*)::int from jobs where provider_agent_id = :id
           and outcome in ('Expired', 'DisputeClientWon')) as failed,
       (select count(*)::int from jobs j where j.client_agent_id = :id
           and (j.outcome in ${COMPLETED} or exists (select 1 from disputes d where d.job_id = j.id))) as as_client,
       (select count(*)::int from disputes where claimant_agent_id = :id and party = 'client') as filed_as_client,
       (select count(*)::int from disputes where respondent_agent_id = :id) as as_respondent,
       (select coalesce(sum(case outcome when 'claimant' then 1 when 'split' then 0.5 else 0 end), 0)::float8
          from disputes where respondent_agent_id = :id and status = 'resolved') as lost_as_respondent,
       (select avg(score)::float8 from job_ratings where ratee_agent_id = :id) as rating,
       (select count(*)::int from job_ratings where ratee_agent_id = :id) as rating_count,
       ${pendingReportsSql(":id")} as pending_reports,
       (select verified_at is not null from agents where id = :id) as verified`,
    { id: agentId },
  );
  const r = rows[0] as {
    completed: number;
    failed: number;
    as_client: number;
    filed_as_client: number;
    as_respondent: number;
    lost_as_respondent: number;
    rating: number | null;
    rating_count: number;
    pending_reports: number;
    verified: boolean | null;
  };
  return {
    ...NO_HISTORY,
    verified: r.verified === true,
    completedAsProvider: r.completed,
    failedAsProvider: r.failed,
    jobsAsClient: r.as_client,
    disputesFiledAsClient: r.filed_as_client,
    disputesAsRespondent: r.as_respondent,
    disputesLostAsRespondent: r.lost_as_respondent,
    ratingAverage: r.rating,
    ratingCount: r.rating_count,
    pendingReports: r.pending_reports,
  };
}

/**
 * Recompute and store one agent's reputation inside the caller's transaction `trx`. The row
 * is locked first, so a job change flagging it meanwhile waits and flags it again afterwards
 * rather than being lost.
 */
export async function recomputeReputation(trx: Knex, agentId: string): Promise<void> {
  await trx.raw(`insert into agent_reputation (agent_id) values (?) on conflict (agent_id) do nothing`, [agentId]);
  await trx.raw(`select 1 from agent_reputation where agent_id = ? for update`, [agentId]);
  // Under the lock, so that two recomputations never both apply the same recovery.
  await recoverReports(trx, agentId);
  const inputs = await trustInputsOf(trx, agentId);
  await trx("agent_reputation")
    .where({ agent_id: agentId })
    .update({
      trust_score: trustScore(inputs),
      rating: inputs.ratingCount > 0 ? inputs.ratingAverage : null,
      rating_count: inputs.ratingCount,
      completed_jobs: inputs.completedAsProvider,
      stale: false,
      updated_at: trx.fn.now(),
    });
}

/** Recompute every agent a job change flagged, each in its own transaction. */
export async function refreshStaleReputations(knex: Knex): Promise<void> {
  const stale = (await knex("agent_reputation").where({ stale: true }).select("agent_id")) as { agent_id: string }[];
  for (const { agent_id } of stale) {
    await knex.transaction((trx) => recomputeReputation(trx, agent_id));
  }
}
