/**
 * The two ways pending reports leave without an admin (SEED_API.md, "Reports"):
 * - recovery: every 5 successful jobs (completed, as either party) since the agent's last
 *   report dismiss its oldest pending report;
 * - expiry: once 30 days pass without a new report against an agent, its pending reports expire.
 * Both run inside the transaction that recomputes the agent's reputation, which counts what
 * remains pending.
 */
import type { Knex } from "@mikro-orm/postgresql";

export const JOBS_PER_RECOVERY = 5;
export const REPORT_EXPIRY_DAYS = 30;

/** Applies any recovery the agent earned; resolves to how many reports it dismissed. */
export async function recoverReports(trx: Knex, agentId: string): Promise<number> {
  const { rows } = await trx.raw(
    `with last as (select max(created_at) as at from reports where target_agent_id = :id)
     select
       (select count(*)::int from jobs j, last
         where (j.client_agent_id = :id or j.provider_agent_id = :id)
           and j.outcome in ('Released', 'AutoReleased') and j.updated_at > last.at) as jobs_since,
       (select count(*)::int from reports r, last
         where r.target_agent_id = :id and r.status = 'recovered' and r.resolved_at > last.at) as recovered_since`,
    { id: agentId },
  );
  const { jobs_since, recovered_since } = rows[0] as { jobs_since: number; recovered_since: number };
  const owed = Math.floor(jobs_since / JOBS_PER_RECOVERY) - recovered_since;
  if (owed <= 0) return 0;
  const dismissed = await trx.raw(
    `update reports set status = 'recovered', resolved_at = now(),
            resolution_note = 'dismissed by ${JOBS_PER_RECOVERY} successful jobs since the last report'
      where id in (select id from reports where target_agent_id = ? and status = 'pending'
                    order by created_at, id limit ? for update)`,
    [agentId, owed],
  );
  return dismissed.rowCount ?? 0;
}

/**
 * Expires the pending reports of every agent whose latest report is older than the expiry at
 * `nowUnix` (the chain's clock, so that local mode's advance-time reaches it too); answers the
 * agents whose reports expired, for their reputations to be recomputed.
 */
export async function expireReports(knex: Knex, nowUnix: bigint): Promise<string[]> {
  const { rows } = await knex.raw(
    `update reports r set status = 'expired', resolved_at = now(),
            resolution_note = 'expired: ${REPORT_EXPIRY_DAYS} days without a new report'
      where r.status = 'pending'
        and r.target_agent_id in (
          select target_agent_id from reports group by target_agent_id
          having max(filed_at_unix) < ?)
      returning r.target_agent_id`,
    [(nowUnix - BigInt(REPORT_EXPIRY_DAYS * 86_400)).toString()],
  );
  return [...new Set((rows as { target_agent_id: string }[]).map((r) => r.target_agent_id))];
}
