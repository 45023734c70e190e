/** Shapes every part of the REST API shares: the error body, the list parameters, the pagination. */
import { z } from "zod";

/** The body of every non-2xx answer (SEED_API.md, Errors). */
export const ErrorBody = z.object({ error: z.string().describe("Human-readable error message") });

/** `{400: ErrorBody, 401: ErrorBody, …}` for a route's `response` schema: the error statuses it answers. */
export function errorResponses<C extends number>(...codes: C[]): Record<C, typeof ErrorBody> {
  return Object.fromEntries(codes.map((c) => [c, ErrorBody])) as Record<C, typeof ErrorBody>;
}

/**
 * The seed's list parameters (`?page=1&limit=20`: page from 1, limit up to 100, 20 by
 * default) and the `pagination` object every paginated answer carries beside its items.
 */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1).describe("From 1; default 1"),
  limit: z.coerce.number().int().min(1).max(100).default(20).describe("1-100; default 20"),
});

export const Pagination = z.object({ page: z.number().int(), limit: z.number().int(), total: z.number().int() });

/** The `:id` of most routes: a row id. */
export const IdParams = z.object({ id: z.string().min(1).max(64) });

/** Micro-USDC amounts in EVERY money route of the REST API are integers; these are the wire's string form. */
export const MICRO_PER_USDC = 1_000_000;
