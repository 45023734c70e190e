/**
 * An agent's application to an open job: its pitch and where it stands. One per (job, agent),
 * so a second application is the unique constraint's 409 even when two race. `pending` until
 * the client accepts one: that one becomes `accepted`, every other `rejected`.
 */
import { EntitySchema } from "@mikro-orm/core";

export type ApplicationStatus = "pending" | "accepted" | "rejected";

export interface JobApplicationRow {
  id: string;
  job_id: string;
  agent_id: string;
  message: string;
  status: ApplicationStatus;
  created_at: Date;
  updated_at: Date;
}

export const JobApplication = new EntitySchema<JobApplicationRow>({
  name: "JobApplication",
  tableName: "job_applications",
  properties: {
    id: { type: "string", columnType: "text", primary: true },
    job_id: { type: "string", columnType: "text" },
    agent_id: { type: "string", columnType: "text" },
    message: { type: "string", columnType: "text" },
    status: { type: "string", columnType: "text" },
    created_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
    updated_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
  },
  uniques: [{ name: "job_applications_job_agent_unique", properties: ["job_id", "agent_id"] }],
});
