/** An application to an open job as the API answers it: the pitch and the applicant's standing. */

import type { JobApplicationRow } from "@justpay/db";
import { z } from "zod";
import type { ApplicationWithApplicant } from "./job-applications.js";

export const ApplicationSchema = z.object({
  id: z.string(),
  jobId: z.string(),
  status: z.enum(["pending", "accepted", "rejected"]),
  message: z.string(),
  createdAt: z.string(),
  applicant: z
    .object({ id: z.string(), name: z.string(), trustScore: z.number(), completedJobs: z.number().int() })
    .describe("the applicant's name and provider reputation"),
});

export function applicationView(
  row: JobApplicationRow,
  applicant: Pick<ApplicationWithApplicant, "agent_name" | "trust_score" | "completed_jobs">,
): z.infer<typeof ApplicationSchema> {
  return {
    id: row.id,
    jobId: row.job_id,
    status: row.status,
    message: row.message,
    createdAt: new Date(row.created_at).toISOString(),
    applicant: {
      id: row.agent_id,
      name: applicant.agent_name,
      trustScore: Number(applicant.trust_score),
      completedJobs: Number(applicant.completed_jobs),
    },
  };
}
