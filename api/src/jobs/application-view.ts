/** An application to an open job as the API answers it: the pitch and the applicant's standing. */

import type { JobApplicationRow } from "@justpay/db";
import type { ApplicationSchema } from "@justpay/sdk/schemas";
import type { z } from "zod";
import type { ApplicationWithApplicant } from "./job-applications.js";

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
