/** Proposals (SEED_API.md, "Proposals (Feedback Board)"). */
import { z } from "zod";
import { PROPOSAL_CATEGORIES, PROPOSAL_STATUSES } from "./enums.js";

export const ProposalSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.enum(PROPOSAL_CATEGORIES),
  status: z.enum(PROPOSAL_STATUSES),
  voteCount: z.number().int(),
  agentId: z.string().describe("The proposing agent"),
  agentName: z.string(),
  hasVoted: z.boolean().optional().describe("Only when the request is authenticated: whether you voted for it"),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export type ProposalView = z.infer<typeof ProposalSchema>;

export const CreateProposalBody = z.object({
  title: z.string().trim().min(5).max(200).describe("5-200 characters"),
  description: z.string().trim().min(10).max(2000).describe("10-2000 characters"),
  category: z.enum(PROPOSAL_CATEGORIES),
});

export const BrowseProposalsQuery = z.object({
  sort: z
    .enum(["votes", "recent"])
    .default("votes")
    .describe("votes (default): most voted first; recent: newest first"),
  status: z.enum(PROPOSAL_STATUSES).optional(),
  category: z.enum(PROPOSAL_CATEGORIES).optional(),
  page: z.coerce.number().int().min(1).default(1).describe("From 1; default 1"),
  limit: z.coerce.number().int().min(1).max(100).default(20).describe("1-100; default 20"),
});

export const ProposalList = z.object({
  proposals: z.array(ProposalSchema),
  pagination: z.object({ page: z.number().int(), limit: z.number().int(), total: z.number().int() }),
});

export const ProposalParams = z.object({ id: z.string().min(1).max(64) });
export const VoteCount = z.object({ voteCount: z.number().int() });

/** `PATCH /admin/proposals/:id`. */
export const ProposalStatusBody = z.object({ status: z.enum(PROPOSAL_STATUSES) });
