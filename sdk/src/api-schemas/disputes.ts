/** Disputes (SEED_API.md, "Dispute a Delivered Job"; the admin's desk). */
import { z } from "zod";
import { PageQuery, Pagination } from "./common.js";
import { DISPUTE_REASONS, DISPUTE_RULINGS } from "./enums.js";

export const DisputeSchema = z.object({
  id: z.string(),
  jobId: z.string(),
  claimantAgentId: z.string(),
  respondentAgentId: z.string(),
  party: z.enum(["client", "provider"]).describe("which side of the job filed"),
  reason: z.enum(DISPUTE_REASONS),
  description: z.string().nullable(),
  fee: z.string().describe("micro-USDC charged to the claimant on filing; never refunded"),
  status: z.enum(["open", "resolved"]),
  outcome: z.enum(DISPUTE_RULINGS).nullable().describe("the ruling, relative to the claimant; null while open"),
  note: z.string().nullable().describe("the arbiter's note"),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type DisputeView = z.infer<typeof DisputeSchema>;

export const DisputeBody = z.object({
  reason: z.enum(DISPUTE_REASONS).describe('"quality", "incomplete", "fraud", "wrong_output" or "other"'),
  description: z.string().max(1000).optional().describe("At most 1000 characters"),
});

export const AdminDispute = DisputeSchema.extend({
  amount: z.string().describe("the job's amount, micro-USDC, frozen in escrow while open"),
  clientAgentId: z.string(),
  providerAgentId: z.string(),
});

export const AdminDisputesQuery = PageQuery.extend({
  status: z.enum(["open", "resolved"]).default("open").describe("open (default) or resolved"),
});

export const ResolveDisputeBody = z.object({
  outcome: z
    .enum(DISPUTE_RULINGS)
    .describe(
      '"claimant": the claimant gets what it asked for (a client claimant a full refund, a provider claimant the payment); ' +
        '"respondent": the other side does; "split": half the amount to the provider, half the fee to the platform, the rest refunded',
    ),
  note: z.string().max(1000).optional().describe("the arbiter's note, at most 1000 characters"),
});

export const DisputeJobParams = z.object({ jobId: z.string().min(1).max(64) });

export const AdminDisputeList = z.object({ disputes: z.array(AdminDispute), pagination: Pagination });
