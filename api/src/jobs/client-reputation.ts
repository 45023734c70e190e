/**
 * A client's standing (SEED_API.md, "Client Reputation"): what the trust gate compares with a
 * service's minClientTrustScore and what job.created shows the provider. The trust score is
 * the provider-reputation relation's, the one source of trust scores. Disputes do not exist
 * yet, so nobody has filed one and nobody is restricted.
 */
import type { AppContext } from "../context.js";
import { providerReputationSql } from "../services/provider-reputation.js";

export interface ClientReputation {
  trustScore: number;
  completedJobs: number;
  totalDisputesFiled: number;
  clientDisputeRate: number;
  clientRestricted: boolean;
}

export async function clientReputation(ctx: AppContext, agentId: string): Promise<ClientReputation> {
  const { rows } = await ctx.knex.raw(
    `select r.trust_score,
            (select count(*)::int from jobs j where j.client_agent_id = ? and j.outcome in ('Released', 'AutoReleased')) as completed
       from (${providerReputationSql()}) r where r.agent_id = ?`,
    [agentId, agentId],
  );
  const row = rows[0] as { trust_score: number; completed: number } | undefined;
  return {
    trustScore: row?.trust_score ?? 0,
    completedJobs: row?.completed ?? 0,
    totalDisputesFiled: 0,
    clientDisputeRate: 0,
    clientRestricted: false,
  };
}
