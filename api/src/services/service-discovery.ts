/**
 * `GET /api/v1/services/discover`: active services, filtered, sorted, paged and counted in
 * one SQL query, each with its provider's reputation.
 *
 * - `search` is Postgres full-text search (`websearch_to_tsquery('english', …)`: words are
 *   stemmed, `"quoted phrases"`, `or` and `-excluded` work) over the generated `search_vector`,
 *   ranked by `ts_rank`; the name weighs more than the description, so a name match outranks a
 *   description-only one.
 * - Order: `sortBy` when given (price: cheapest first; rating, completedJobs: highest first,
 *   unrated last; newest: newest first); without it, relevance when searching, else newest.
 *   Ties go to relevance (when searching), then the provider's trust score, then the newest.
 */

import type { ServiceSort } from "@justpay/sdk/schemas";
import type { Knex } from "@mikro-orm/postgresql";
import { refreshStaleReputations } from "../trust/agent-reputation.js";
import { REPUTATION, selectServices } from "./service-store.js";
import { type ServiceView, type ServiceWithProvider, serviceView } from "./service-view.js";

export type DiscoverySort = ServiceSort;

export interface DiscoveryQuery {
  page: number;
  limit: number;
  category?: string;
  search?: string;
  model?: string;
  modelProvider?: string;
  /** Services with any of these tags. */
  tags?: string[];
  minPrice?: number;
  maxPrice?: number;
  sortBy?: DiscoverySort;
}

export interface DiscoveryPage {
  services: ServiceView[];
  pagination: { page: number; limit: number; total: number };
}

const TSQUERY = "websearch_to_tsquery('english', ?)";

const SORT_ORDER: Record<DiscoverySort, string> = {
  price: "s.price_per_job asc",
  rating: `${REPUTATION.rating} desc nulls last`,
  completedJobs: `${REPUTATION.completed_jobs} desc`,
  newest: "s.created_at desc",
};

function filtered(knex: Knex, q: DiscoveryQuery): Knex.QueryBuilder {
  const query = selectServices(knex).where("s.is_active", true);
  if (q.category) query.where("s.category", q.category.trim().toLowerCase());
  if (q.model) query.whereRaw("lower(s.model) = lower(?)", [q.model.trim()]);
  if (q.modelProvider) query.whereRaw("lower(s.model_provider) = lower(?)", [q.modelProvider.trim()]);
  if (q.tags?.length) query.whereRaw("s.tags && ?::text[]", [q.tags]);
  if (q.minPrice !== undefined) query.where("s.price_per_job", ">=", q.minPrice);
  if (q.maxPrice !== undefined) query.where("s.price_per_job", "<=", q.maxPrice);
  if (q.search) query.whereRaw(`s.search_vector @@ ${TSQUERY}`, [q.search]);
  return query;
}

function ordered(query: Knex.QueryBuilder, q: DiscoveryQuery): Knex.QueryBuilder {
  const order: string[] = [];
  if (q.sortBy) order.push(SORT_ORDER[q.sortBy]);
  if (q.search) {
    query.select(query.client.raw(`ts_rank(s.search_vector, ${TSQUERY}) as rank`, [q.search]));
    order.push("rank desc");
  }
  order.push(`${REPUTATION.trust_score} desc`, "s.created_at desc", "s.id desc");
  return query.orderByRaw(order.join(", "));
}

type DiscoveryRow = ServiceWithProvider & { total_matches: string; reputations_stale: boolean };

/**
 * The SQL of one page: the matches in order, each with the total (`count(*) over ()`,
 * computed while the matches are sorted anyway) and whether any reputation awaits
 * recomputation.
 */
export function discoveryPageQuery(knex: Knex, q: DiscoveryQuery): Knex.QueryBuilder {
  return ordered(filtered(knex, q), q)
    .select(
      knex.raw("count(*) over () as total_matches"),
      knex.raw("exists (select 1 from agent_reputation where stale) as reputations_stale"),
    )
    .limit(q.limit)
    .offset((q.page - 1) * q.limit);
}

/**
 * One query answers the page and the total. Only when a reputation awaits recomputation
 * (trust, rating and completed jobs order the page) are the flagged ones recomputed and the
 * page read again; a page past the last match, which has no row to carry the total, costs a
 * second query that counts.
 */
export async function discoverServices(knex: Knex, q: DiscoveryQuery): Promise<DiscoveryPage> {
  let rows = (await discoveryPageQuery(knex, q)) as DiscoveryRow[];
  if (rows[0]?.reputations_stale) {
    await refreshStaleReputations(knex);
    rows = (await discoveryPageQuery(knex, q)) as DiscoveryRow[];
  }
  let total = Number(rows[0]?.total_matches ?? 0);
  if (rows.length === 0 && q.page > 1) {
    const counted = await filtered(knex, q).clearSelect().count<{ total: string }[]>({ total: "*" });
    total = Number(counted[0]?.total ?? 0);
  }
  return {
    services: rows.map(serviceView),
    pagination: { page: q.page, limit: q.limit, total },
  };
}
