/**
 * A client's standing (SEED_API.md, "Client Reputation"): what the trust gate compares with a
 * service's minClientTrustScore, what job.created and job responses show the provider, and the
 * abuse rule. The trust score is the provider-reputation relation's, the one source of trust
 * scores; the dispute counts are read from `disputes` each time, so the restriction lifts by
 * itself as soon as completed jobs bring the rate down.
 *
 * - totalDisputesFiled: disputes this agent filed as the client of the job;
 * - clientDisputeRate: filed / (jobs completed as client + filed), 0 without either;
 * - clientRestricted: at least 3 filed and a rate of 40 % or more. A restricted client can
 *   neither create jobs (direct or open) nor file disputes.
 *
 * "Completed" is a release (Released or AutoReleased), so a disputed job counts once, as a
 * dispute, whatever the ruling.
 */
import type { Knex } from "@mikro-orm/postgresql";
import type { AppContext } from "../context.js";
import { forbidden } from "../http/http-error.js";
import { providerReputationSql } from "../services/provider-reputation.js";
import { recomputeReputation } from "../trust/agent-reputation.js";

export const RESTRICTION_MIN_DISPUTES = 3;
export const RESTRICTION_RATE = 0.4;

export interface ClientStanding {
  totalDisputesFiled: number;
  clientDisputeRate: number;
  clientRestricted: boolean;
}

export interface ClientReputation extends ClientStanding {
  trustScore: number;
  completedJobs: number;
}

/**
 * SQL of `(disputes_filed, completed_as_client)` for the client whose id is the SQL expression
 * `agentId`; a lateral subquery, so a job list reads every client's counts in its one query.
 */
export function clientCountsSql(agentId: string): string {
  return `select
      (select count(*)::int from disputes d where d.claimant_agent_id = ${agentId} and d.party = 'client') as disputes_filed,
      (select count(*)::int from jobs cjobs where cjobs.client_agent_id = ${agentId}
          and cjobs.outcome in ('Released', 'AutoReleased')) as completed_as_client`;
}

/** The standing from the two counts. */
export function clientStanding(disputesFiled: number, completedAsClient: number): ClientStanding {
  const total = disputesFiled + completedAsClient;
  const rate = total > 0 ? Math.round((disputesFiled / total) * 10_000) / 10_000 : 0;
  return {
    totalDisputesFiled: disputesFiled,
    clientDisputeRate: rate,
    clientRestricted: disputesFiled >= RESTRICTION_MIN_DISPUTES && rate >= RESTRICTION_RATE,
  };
}

/** Just the standing, as profiles show it. */
export async function readClientStanding(knex: Knex, agentId: string): Promise<ClientStanding> {
  const { rows } = await knex.raw(`select * from (${clientCountsSql("?")}) c`, [agentId, agentId]);
  const row = rows[0] as { disputes_filed: number; completed_as_client: number };
  return clientStanding(row.disputes_filed, row.completed_as_client);
}

/**
 * The client's standing. The dispute counts are always current; the trust score is the stored
 * one unless `freshScore`: a gate that compares it (a service's minClientTrustScore) asks for
 * that, and a score a job change flagged stale (a job the agent just finished, say) is then
 * recomputed first, so the gate never decides on a score up to one refresh period old. The
 * flag check rides on the same query; the recomputation costs a transaction, paid only then.
 */
export async function clientReputation(
  ctx: AppContext,
  agentId: string,
  { freshScore = false }: { freshScore?: boolean } = {},
): Promise<ClientReputation> {
  const read = () =>
    ctx.knex.raw(
      `select r.trust_score, c.disputes_filed, c.completed_as_client,
              coalesce((select stale from agent_reputation where agent_id = r.agent_id), false) as stale
         from (${providerReputationSql()}) r, lateral (${clientCountsSql("r.agent_id")}) c where r.agent_id = ?`,
      [agentId],
    );
  type Row = { trust_score: number; disputes_filed: number; completed_as_client: number; stale: boolean };
  let row = (await read()).rows[0] as Row | undefined;
  if (freshScore && row?.stale) {
    await ctx.knex.transaction((trx) => recomputeReputation(trx, agentId));
    row = (await read()).rows[0] as Row | undefined;
  }
  return {
    trustScore: row?.trust_score ?? 0,
    completedJobs: row?.completed_as_client ?? 0,
    ...clientStanding(row?.disputes_filed ?? 0, row?.completed_as_client ?? 0),
  };
}

/** 403 with the numbers when the client is restricted; `action` says what was refused. */
export function requireUnrestricted(standing: ClientStanding, action: string): void {
  if (!standing.clientRestricted) return;
  const percent = Math.round(standing.clientDisputeRate * 100);
  throw forbidden(
    `You are restricted from ${action}: you filed ${standing.totalDisputesFiled} disputes, a dispute rate of ` +
      `${percent}% (restricted at ${RESTRICTION_MIN_DISPUTES}+ disputes and ${RESTRICTION_RATE * 100}%+). ` +
      "The restriction lifts as you complete jobs without disputing.",
  );
}
