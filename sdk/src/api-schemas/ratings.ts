/** Ratings (SEED_API.md, "Rate a Completed Job", "Get Agent Ratings"). */
import { z } from "zod";
import { Pagination } from "./common.js";

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

/** `POST /jobs/:id/rate`. */
export const RateBody = z.object({
  score: z.number().int().min(1).max(5).describe("1-5 stars"),
  comment: z.string().max(500).optional().describe("At most 500 characters"),
  tags: z
    .array(z.string().trim().min(1).max(50))
    .max(5)
    .optional()
    .describe("At most 5 tags, each 1-50 characters; repeats are dropped"),
});

export const RateResponse = z.object({
  message: z.string(),
  rating: RatingSchema.extend({ rateeAgentId: z.string() }),
});
