/** A proposal as the API answers it (SEED_API.md, "Proposals"). */

import { PROPOSAL_CATEGORIES, PROPOSAL_STATUSES, type ProposalRow } from "@justpay/db";
import { z } from "zod";

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

/** A proposal row joined with its author's name and, for an authenticated reader, `has_voted`. */
export type ProposalListing = ProposalRow & { agent_name: string; has_voted?: boolean | null };

export function proposalView(p: ProposalListing): ProposalView {
  return {
    id: p.id,
    title: p.title,
    description: p.description,
    category: p.category,
    status: p.status,
    voteCount: Number(p.vote_count),
    agentId: p.agent_id,
    agentName: p.agent_name,
    ...(p.has_voted === undefined || p.has_voted === null ? {} : { hasVoted: p.has_voted }),
    createdAt: new Date(p.created_at).toISOString(),
    updatedAt: new Date(p.updated_at).toISOString(),
  };
}
