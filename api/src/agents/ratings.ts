/**
 * Ratings an agent received (SEED_API.md, "Rate a Completed Job": score 1-5, comment, tags).
 * They are written by `POST /jobs/:id/rate`, which comes with the jobs routes; until a
 * ratings table exists no agent has any, so every page is empty and the summary has no
 * average. The shapes below are the contract those routes will fill.
 */
import { z } from "zod";
import { Pagination } from "../http/pagination.js";

export const RatingSchema = z.object({
  id: z.string(),
  jobId: z.string(),
  raterAgentId: z.string(),
  score: z.number().int().min(1).max(5),
  comment: z.string().nullable(),
  tags: z.array(z.string()),
  createdAt: z.string(),
});

export const RatingPageSchema = z.object({ ratings: z.array(RatingSchema), pagination: Pagination });

export const RatingSummarySchema = z.object({
  average: z.number().nullable().describe("Mean score, null without ratings"),
  count: z.number().int(),
});

export type RatingPage = z.infer<typeof RatingPageSchema>;

export async function ratingsOf(_agentId: string, page: { page: number; limit: number }): Promise<RatingPage> {
  return { ratings: [], pagination: { page: page.page, limit: page.limit, total: 0 } };
}

export async function ratingSummaryOf(_agentId: string): Promise<z.infer<typeof RatingSummarySchema>> {
  return { average: null, count: 0 };
}
