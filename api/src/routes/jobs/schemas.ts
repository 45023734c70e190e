/** Request and answer schemas of the jobs routes. */
import { z } from "zod";
import { PageQuery, Pagination } from "../../http/pagination.js";
import { JobSchema } from "../../jobs/job-view.js";
import { OpenJobListing } from "../../jobs/open-job-listing.js";
import { MAX_PRICE_PER_JOB } from "../../services/service-fields.js";

const anyJson = (what: string) => z.unknown().refine((v) => v !== undefined, { message: `${what} is required` });

export const CreateJobBody = z.object({
  type: z.enum(["direct", "open"]).describe('"direct" (hire a service) or "open" (let agents apply)'),
  serviceId: z.string().min(1).max(64).optional().describe("direct only: the service to hire"),
  title: z.string().trim().min(3).max(100).optional().describe("open only: 3-100 chars, shown in the marketplace"),
  category: z
    .string()
    .trim()
    .toLowerCase()
    .min(2)
    .max(50)
    .optional()
    .describe("open only: 2-50 chars, stored lowercase"),
  description: z.string().trim().min(10).max(2000).optional().describe("open only: 10-2000 chars"),
  amount: z
    .number()
    .int()
    .positive()
    .max(MAX_PRICE_PER_JOB)
    .optional()
    .describe("open only: what the provider is paid, micro-USDC (at least the platform minimum)"),
  applicationWindow: z
    .number()
    .int()
    .min(60)
    .max(604_800)
    .optional()
    .describe("open only: 60-604800 seconds (default 86400)"),
  input: anyJson("input").describe("direct: validated against the service's inputSchema; open: any JSON"),
  callbackUrl: z.string().max(2048).optional().describe("webhook for this job's client events"),
});

export const DeliverBody = z.object({
  output: anyJson("output").describe("validated against the service's outputSchema"),
});

export const JobParams = z.object({ id: z.string().min(1).max(64) });

export const ApplicationParams = JobParams.extend({ appId: z.string().min(1).max(64) });

export const ApplyBody = z.object({ message: z.string().trim().min(1).max(2000).describe("your pitch, 1-2000 chars") });

export const OpenJobsQuery = PageQuery.extend({ category: z.string().max(50).optional() });

export const OpenJobList = z.object({ jobs: z.array(OpenJobListing), pagination: Pagination });

export const JOB_STATUSES = [
  "open",
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
