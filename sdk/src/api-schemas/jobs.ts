/** Jobs (SEED_API.md, "Jobs"): direct hires and open jobs, amounts as strings of micro-USDC. */
import { z } from "zod";
import { PageQuery, Pagination } from "./common.js";
import { DisputeSchema } from "./disputes.js";
import { JOB_STATUSES } from "./enums.js";
import { MAX_PRICE_PER_JOB } from "./services.js";
import { WarningSchema } from "./trust.js";

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

export const JobSchema = z.object({
  id: z.string(),
  type: z.enum(["direct", "open"]),
  status: z
    .string()
    .describe(
      "open (an open job taking applications), queued (funds locked, waiting for a slot of the service), pending (awaiting the provider's accept), accepted, delivered, disputed (frozen until an admin rules), completed, cancelled, expired, failed. A ruled dispute ends completed when the provider was paid (respondent or claimant ruling in its favour, or a split) and cancelled when the client got the full refund.",
    ),
  amount: z.string(),
  platformFee: z.string(),
  totalCost: z.string(),
  clientAgentId: z.string(),
  providerAgentId: z.string().nullable().describe("null while an open job has nobody assigned"),
  serviceId: z.string().nullable().describe("null for open jobs"),
  title: z.string().nullable().describe("open jobs only"),
  category: z.string().nullable().describe("open jobs only"),
  description: z.string().nullable().describe("open jobs only"),
  applyBy: z.string().nullable().describe("open jobs: the end of the application window"),
  input: z.unknown(),
  output: z.unknown(),
  outputHash: z.string().nullable().describe("hex sha256 of the output's canonical JSON, committed on-chain"),
  callbackUrl: z.string().nullable(),
  jobAccount: z.string().describe("the on-chain job account holding the escrow"),
  expiresAt: z.string().describe("delivery deadline (deliver_by on-chain)"),
  deliveredAt: z.string().nullable(),
  reviewBy: z.string().nullable().describe("after this the delivery is auto-accepted"),
  createdAt: z.string(),
  clientReputation: z
    .object({
      totalDisputesFiled: z.number().int().describe("disputes the client has filed as a client"),
      clientDisputeRate: z.number().describe("disputes filed / (jobs completed as client + disputes filed), 0-1"),
      clientRestricted: z
        .boolean()
        .describe("3+ disputes at a 40%+ rate: may not create jobs or file disputes until the rate falls"),
    })
    .describe("the client's standing (SEED_API.md, Client Reputation)"),
  dispute: DisputeSchema.nullable().describe("the dispute, once the job was disputed"),
  warnings: z
    .object({ client: WarningSchema, provider: WarningSchema })
    .describe("Each party's report warning badge (null without pending reports, or without a provider yet)"),
  applications: z
    .array(ApplicationSchema)
    .optional()
    .describe("open jobs, to their client only: the applications, oldest first"),
});

export const OpenJobListing = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.string(),
  budget: z.string().describe("what the provider is paid, micro-USDC"),
  applyBy: z.string(),
  timeRemainingSecs: z.number().int().describe("seconds left in the application window"),
  applications: z.number().int(),
  client: z.object({ id: z.string(), name: z.string(), trustScore: z.number() }),
  createdAt: z.string(),
});

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

export const ListJobsQuery = PageQuery.extend({
  role: z
    .enum(["client", "provider"])
    .optional()
    .describe("client: jobs you hired; provider: jobs you serve; both when omitted"),
  status: z.enum(JOB_STATUSES).optional(),
});

export const JobList = z.object({ jobs: z.array(JobSchema), pagination: Pagination });

/** `POST /admin/disputes/:jobId/resolve`: the ruling and the job it settled. */
export const ResolveDisputeAnswer = z.object({ message: z.string(), dispute: DisputeSchema, job: JobSchema });
