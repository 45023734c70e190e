/**
 * `job_ratings`: one rating per party per completed job (SEED_API.md, "Rate a Completed
 * Job"), written by `POST /jobs/:id/rate`. The unique (job, rater) key is what makes a second
 * rating by the same party a 409, even when two arrive at once.
 */
import type { Knex } from "@mikro-orm/postgresql";
import { newId } from "../db/ids.js";

export interface RatingRow {
  id: string;
  job_id: string;
  rater_agent_id: string;
  ratee_agent_id: string;
  score: number;
  comment: string | null;
  tags: string[];
  created_at: Date;
}

export interface NewRating {
  jobId: string;
  raterAgentId: string;
  rateeAgentId: string;
  score: number;
  comment: string | null;
  tags: string[];
}

/** Insert in `trx`; undefined when this party already rated this job. */
export async function insertRating(trx: Knex, r: NewRating): Promise<RatingRow | undefined> {
  const rows = (await trx("job_ratings")
    .insert({
      id: newId(),
      job_id: r.jobId,
      rater_agent_id: r.raterAgentId,
      ratee_agent_id: r.rateeAgentId,
      score: r.score,
      comment: r.comment,
      // jsonb goes in as JSON text: pg would send a JS array as a Postgres array.
      tags: JSON.stringify(r.tags),
    })
    .onConflict(["job_id", "rater_agent_id"])
    .ignore()
    .returning("*")) as RatingRow[];
  return rows[0];
}

/** Ratings the agent received, newest first, with the total. */
export async function ratingsReceived(
  knex: Knex,
  agentId: string,
  page: { page: number; limit: number },
): Promise<{ rows: RatingRow[]; total: number }> {
  const mine = knex("job_ratings").where({ ratee_agent_id: agentId });
  const [rows, counted] = await Promise.all([
    mine
      .clone()
      .select("*")
      .orderBy([
        { column: "created_at", order: "desc" },
        { column: "id", order: "desc" },
      ])
      .limit(page.limit)
      .offset((page.page - 1) * page.limit),
    mine.clone().count({ count: "*" }),
  ]);
  return { rows: rows as RatingRow[], total: Number(counted[0]?.count ?? 0) };
}

/** Mean score and count of the ratings the agent received. */
export async function ratingSummary(knex: Knex, agentId: string): Promise<{ average: number | null; count: number }> {
  const { rows } = await knex.raw(
    `select avg(score)::float8 as average, count(*)::int as count from job_ratings where ratee_agent_id = ?`,
    [agentId],
  );
  return { average: rows[0].average, count: rows[0].count };
}
