/** Request and answer schemas of the jobs routes. */
import { z } from "zod";
import { PageQuery, Pagination } from "../../http/pagination.js";
import { JobSchema } from "../../jobs/job-view.js";

const anyJson = (what: string) => z.unknown().refine((v) => v !== undefined, { message: `${what} is required` });

export const CreateJobBody = z.object({
  type: z.enum(["direct", "open"]).describe('"direct" (hire a service); "open" is not available yet'),
  serviceId: z.string().min(1).max(64).optional().describe("direct only: the service to hire"),
  input: anyJson("input").describe("validated against the service's inputSchema"),
  callbackUrl: z.string().max(2048).optional().describe("webhook for this job's client events"),
});

export const DeliverBody = z.object({
  output: anyJson("output").describe("validated against the service's outputSchema"),
});

export const JobParams = z.object({ id: z.string().min(1).max(64) });

export const JOB_STATUSES = [
  "queued",
  "pending",
  "accepted",
  "delivered",
  "disputed",
  "completed",
  "cancelled",
  "expired",
  "failed",
] as const;

export const ListJobsQuery = PageQuery.extend({
  role: z
    .enum(["client", "provider"])
    .optional()
    .describe("client: jobs you hired; provider: jobs you serve; both when omitted"),
  status: z.enum(JOB_STATUSES).optional(),
});

export const JobList = z.object({ jobs: z.array(JobSchema), pagination: Pagination });
