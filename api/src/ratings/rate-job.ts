/**
 * `POST /jobs/:id/rate`: a party of a completed job rates the other party, once. The rating and
 * the ratee's recomputed reputation are written in one transaction, so discovery never shows
 * a rating the trust score does not count yet.
 */
import type { Knex } from "@mikro-orm/postgresql";
import { conflict, notFound } from "../http/http-error.js";
import { JobStore } from "../jobs/job-store.js";
import { recomputeReputation } from "../trust/agent-reputation.js";
import { insertRating, type RatingRow } from "./rating-store.js";

export interface RateInput {
  score: number;
  comment?: string;
  tags?: string[];
}

export async function rateJob(knex: Knex, raterAgentId: string, jobId: string, input: RateInput): Promise<RatingRow> {
  const job = await new JobStore(knex).find(jobId);
  const isClient = job?.client_agent_id === raterAgentId;
  // A stranger learns nothing about the job, as on every job route.
  if (!job || !(isClient || job.provider_agent_id === raterAgentId)) throw notFound("Job not found");
  // A completed job always has a provider (an open job's is set when an application is accepted).
  if (job.status !== "completed" || !job.provider_agent_id)
    throw conflict(`Only completed jobs can be rated; this job is ${job.status}`);
  const rateeAgentId = isClient ? job.provider_agent_id : job.client_agent_id;
  return knex.transaction(async (trx) => {
    const row = await insertRating(trx, {
      jobId,
      raterAgentId,
      rateeAgentId,
      score: input.score,
      comment: input.comment ?? null,
      tags: [...new Set(input.tags ?? [])],
    });
    if (!row) throw conflict("You already rated this job");
    await recomputeReputation(trx, rateeAgentId);
    return row;
  });
}
