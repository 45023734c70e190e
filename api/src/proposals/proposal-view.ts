/** A proposal as the API answers it (SEED_API.md, "Proposals"). */

import type { ProposalRow } from "@justpay/db";
import type { ProposalView } from "@justpay/sdk/schemas";

export type { ProposalView };

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
