/**
 * What the public pages show, read through the same stores and views as the JSON routes, so a
 * page and `GET /api/v1/...` never disagree: services (service-store / service-view), profiles
 * (profile-store / profile-views), ratings, proposals. Reputations flagged stale by a settled
 * job are recomputed first, as the JSON routes do, and the warning badge is the reports
 * module's.
 */

import type { PublicProfileSchema, RatingSchema } from "@justpay/sdk/schemas";
import type { Knex } from "@mikro-orm/postgresql";
import type { z } from "zod";
import { readAgentStanding } from "../agents/agent-standing.js";
import { AgentProfiles } from "../agents/profile-store.js";
import { publicProfileView } from "../agents/profile-views.js";
import { ratingSummaryOf, ratingsOf } from "../agents/ratings.js";
import { listProposals, type ProposalQuery } from "../proposals/proposal-store.js";
import { type ProposalView, proposalView } from "../proposals/proposal-view.js";
import { pendingReportsSql, type Warning, warningFor } from "../reports/warning.js";
import { type ProviderReputation, providerReputationSql, reputationFromRow } from "../services/provider-reputation.js";
import { ServiceStore, selectServices } from "../services/service-store.js";
import { type ServiceView, type ServiceWithProvider, serviceView } from "../services/service-view.js";
import { refreshStaleReputations } from "../trust/agent-reputation.js";

/** How many of an agent's latest ratings its page lists. */
export const RECENT_RATINGS = 10;
/** Proposals per board page. */
export const PROPOSALS_PER_PAGE = 20;

export interface ServicePageData {
  service: ServiceView;
  /** The provider's warning badge. */
  warning: Warning;
}

export interface AgentPageData {
  profile: z.infer<typeof PublicProfileSchema>;
  reputation: ProviderReputation;
  warning: Warning;
  /** Its active services, newest first. */
  services: ServiceView[];
  ratings: z.infer<typeof RatingSchema>[];
}

export interface ProposalsPageData {
  query: Omit<ProposalQuery, "viewerId" | "limit">;
  proposals: ProposalView[];
  total: number;
  perPage: number;
}

async function warningOf(knex: Knex, agentId: string): Promise<Warning> {
  const { rows } = await knex.raw(`select ${pendingReportsSql("?")} as n`, [agentId]);
  return warningFor(rows[0].n);
}

export async function loadServicePage(knex: Knex, id: string): Promise<ServicePageData | undefined> {
  await refreshStaleReputations(knex);
  const row = await new ServiceStore(knex).find(id);
  if (!row) return undefined;
  return { service: serviceView(row), warning: await warningOf(knex, row.agent_id) };
}

export async function loadAgentPage(knex: Knex, id: string): Promise<AgentPageData | undefined> {
  await refreshStaleReputations(knex);
  const found = await new AgentProfiles(knex).getWithActivation(id);
  if (!found) return undefined;
  const [summary, standing, reputation, warning, services, ratings] = await Promise.all([
    ratingSummaryOf(knex, id),
    readAgentStanding(knex, id),
    knex.raw(`select * from (${providerReputationSql()}) r where r.agent_id = ?`, [id]),
    warningOf(knex, id),
    selectServices(knex)
      .where("s.agent_id", id)
      .andWhere("s.is_active", true)
      .orderBy([
        { column: "s.created_at", order: "desc" },
        { column: "s.id", order: "desc" },
      ]),
    ratingsOf(knex, id, { page: 1, limit: RECENT_RATINGS }),
  ]);
  return {
    profile: publicProfileView(found.agent, found.activated, summary, standing),
    reputation: reputationFromRow(reputation.rows[0]),
    warning,
    services: (services as ServiceWithProvider[]).map(serviceView),
    ratings: ratings.ratings,
  };
}

export async function loadProposalsPage(knex: Knex, query: ProposalsPageData["query"]): Promise<ProposalsPageData> {
  const { rows, total } = await listProposals(knex, { ...query, limit: PROPOSALS_PER_PAGE });
  return { query, proposals: rows.map(proposalView), total, perPage: PROPOSALS_PER_PAGE };
}
