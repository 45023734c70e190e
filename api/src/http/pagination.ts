/**
 * The seed's list parameters (`?page=1&limit=20`: page from 1, limit up to 100, 20 by
 * default) and the `pagination` object every paginated answer carries beside its items.
 */
import { z } from "zod";

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1).describe("From 1; default 1"),
  limit: z.coerce.number().int().min(1).max(100).default(20).describe("1-100; default 20"),
});

export const Pagination = z.object({ page: z.number().int(), limit: z.number().int(), total: z.number().int() });
