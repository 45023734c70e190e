/** A job as the API answers it (SEED_API.md, "Create a Direct Job": amounts as strings of micro-USDC). */
import { z } from "zod";
import { DisputeSchema, disputeView } from "../disputes/dispute-view.js";
import { WarningSchema, warningFor } from "../reports/warning.js";
import { ApplicationSchema } from "./application-view.js";
import { clientStanding } from "./client-reputation.js";
import type { JobWithState } from "./job-store.js";

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

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function jobView(job: JobWithState): z.infer<typeof JobSchema> {
  const reviewBy = job.review_by && job.review_by !== "0" ? new Date(Number(job.review_by) * 1000) : null;
  return {
    id: job.id,
    type: job.type,
    status: job.status,
    amount: String(job.amount),
    platformFee: String(job.fee),
    totalCost: (BigInt(job.amount) + BigInt(job.fee)).toString(),
    clientAgentId: job.client_agent_id,
    providerAgentId: job.provider_agent_id,
    serviceId: job.service_id,
    title: job.title,
    category: job.category,
    description: job.description,
    applyBy: iso(job.apply_by),
    input: job.input,
    output: job.output ?? null,
    outputHash: job.output_hash,
    callbackUrl: job.callback_url,
    jobAccount: job.job_pubkey,
    expiresAt: iso(job.expires_at) as string,
    deliveredAt: iso(job.delivered_at),
    reviewBy: job.status === "delivered" ? iso(reviewBy) : null,
    createdAt: iso(job.created_at) as string,
    clientReputation: clientStanding(job.client_disputes_filed, job.client_completed_jobs),
    dispute: job.dispute ? disputeView(job.dispute) : null,
    warnings: {
      client: warningFor(job.client_pending_reports),
      provider: job.provider_agent_id ? warningFor(job.provider_pending_reports) : null,
    },
  };
}
