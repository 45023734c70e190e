/**
 * Ratings an agent received (SEED_API.md, "Rate a Completed Job": score 1-5, comment, tags),
 * as `GET /agents/:id/ratings` and the profile's summary show them. They are written by
 * `POST /jobs/:id/rate` (api/src/routes/job-ratings) into `job_ratings`.
 */

import type { RatingPageSchema, RatingSchema, RatingSummarySchema } from "@justpay/sdk/schemas";
import type { Knex } from "@mikro-orm/postgresql";
import type { z } from "zod";
import { type RatingRow, ratingSummary, ratingsReceived } from "../ratings/rating-store.js";

export type RatingPage = z.infer<typeof RatingPageSchema>;

export function ratingView(row: RatingRow): z.infer<typeof RatingSchema> {
  return {
    id: row.id,
    jobId: row.job_id,
    raterAgentId: row.rater_agent_id,
    score: row.score,
    comment: row.comment,
    tags: row.tags,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export async function ratingsOf(
  knex: Knex,
  agentId: string,
  page: { page: number; limit: number },
): Promise<RatingPage> {
  const { rows, total } = await ratingsReceived(knex, agentId, page);
  return { ratings: rows.map(ratingView), pagination: { page: page.page, limit: page.limit, total } };
}

export async function ratingSummaryOf(knex: Knex, agentId: string): Promise<z.infer<typeof RatingSummarySchema>> {
  return ratingSummary(knex, agentId);
}
