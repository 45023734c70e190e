/**
 * What every profile shows about an agent's standing, in one query: its trust score (the
 * persisted reputation, or the no-history score), its client standing (SEED_API.md, "Client
 * Reputation") and the reports pending against it with their warning badge (SEED_API.md,
 * "Reports").
 */
import type { Knex } from "@mikro-orm/postgresql";
import { type ClientStanding, clientCountsSql, clientStanding } from "../jobs/client-reputation.js";
import { pendingReportsSql, type Warning, warningFor } from "../reports/warning.js";
import { reputationColumns } from "../services/provider-reputation.js";

export interface AgentStanding extends ClientStanding {
  trustScore: number;
  pendingReportCount: number;
  warning: Warning;
}

export async function readAgentStanding(knex: Knex, agentId: string): Promise<AgentStanding> {
  const reputation = reputationColumns("ar");
  const { rows } = await knex.raw(
    `select ${reputation.trust_score} as trust_score, ${pendingReportsSql("a.id")} as pending_reports, c.*
       from agents a left join agent_reputation ar on ar.agent_id = a.id,
            lateral (${clientCountsSql("a.id")}) c
      where a.id = ?`,
    [agentId],
  );
  const row = rows[0] as
    | { trust_score: number; pending_reports: number; disputes_filed: number; completed_as_client: number }
    | undefined;
  const pending = row?.pending_reports ?? 0;
  return {
    trustScore: row?.trust_score ?? 0,
    pendingReportCount: pending,
    warning: warningFor(pending),
    ...clientStanding(row?.disputes_filed ?? 0, row?.completed_as_client ?? 0),
  };
}
