/**
 * `GET /api/v1/services/discover`: active services, filtered, sorted and paged in one SQL
 * query (and one count), each with its provider's reputation.
 *
 * - `search` is Postgres full-text search (`websearch_to_tsquery('english', …)`: words are
 *   stemmed, `"quoted phrases"`, `or` and `-excluded` work) over the generated `search_vector`,
 *   ranked by `ts_rank`; the name weighs more than the description, so a name match outranks a
 *   description-only one.
 * - Order: `sortBy` when given (price: cheapest first; rating, completedJobs: highest first,
 *   unrated last; newest: newest first); without it, relevance when searching, else newest.
 *   Ties go to relevance (when searching), then the provider's trust score, then the newest.
 */
import type { Knex } from "@mikro-orm/postgresql";
import { selectServices } from "./service-store.js";
import { type ServiceView, type ServiceWithProvider, serviceView } from "./service-view.js";

export const SORTS = ["price", "rating", "completedJobs", "newest"] as const;
export type DiscoverySort = (typeof SORTS)[number];

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
  rating: "r.rating desc nulls last",
  completedJobs: "r.completed_jobs desc",
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
  order.push("r.trust_score desc", "s.created_at desc", "s.id desc");
  return query.orderByRaw(order.join(", "));
}

export async function discoverServices(knex: Knex, q: DiscoveryQuery): Promise<DiscoveryPage> {
  const base = filtered(knex, q);
  const [rows, counted] = await Promise.all([
    ordered(base.clone(), q)
      .limit(q.limit)
      .offset((q.page - 1) * q.limit),
    base.clone().clearSelect().count<{ total: string }[]>({ total: "*" }),
  ]);
  return {
    services: (rows as ServiceWithProvider[]).map(serviceView),
    pagination: { page: q.page, limit: q.limit, total: Number(counted[0]?.total ?? 0) },
  };
}
