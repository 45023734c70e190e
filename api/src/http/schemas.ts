/** Schemas shared by every route's documentation. */
import { z } from "zod";

/** The body of every non-2xx answer (SEED_API.md, Errors). */
export const ErrorBody = z.object({ error: z.string().describe("Human-readable error message") });

/** `{400: ErrorBody, 401: ErrorBody, …}` for a route's `response` schema: the error statuses it answers. */
export function errorResponses<C extends number>(...codes: C[]): Record<C, typeof ErrorBody> {
  return Object.fromEntries(codes.map((c) => [c, ErrorBody])) as Record<C, typeof ErrorBody>;
}
