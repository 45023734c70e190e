/** `job_ratings` for the ORM that generates and checks migrations (see registry.ts). */
import { EntitySchema } from "@mikro-orm/core";

export const JobRating = new EntitySchema<Record<string, unknown>>({
  name: "JobRating",
  tableName: "job_ratings",
  properties: {
    id: { type: "string", columnType: "text", primary: true },
    job_id: { type: "string", columnType: "text" },
    rater_agent_id: { type: "string", columnType: "text" },
    ratee_agent_id: { type: "string", columnType: "text" },
    score: { type: "number", columnType: "smallint" },
    comment: { type: "string", columnType: "text", nullable: true },
    tags: { type: "json", columnType: "jsonb", defaultRaw: `'[]'` },
    created_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
  },
  indexes: [{ name: "job_ratings_ratee_index", properties: ["ratee_agent_id", "created_at"] }],
  uniques: [{ name: "job_ratings_job_rater_unique", properties: ["job_id", "rater_agent_id"] }],
  checks: [{ name: "job_ratings_score_check", expression: "((score >= 1) AND (score <= 5))" }],
});
