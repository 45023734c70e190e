/**
 * What the agent routes answer. The agent's own profile (`GET /agents/me`) has everything
 * but secrets: no password hash, sealed key, webhook secret or API keys. The public profile
 * (`GET /agents/:id`) also leaves out the email, the callback URL and money. Both show the
 * agent's standing: trust score, client standing (SEED_API.md, "Client Reputation") and the
 * report warning badge (SEED_API.md, "Reports").
 */

import type { AgentRow } from "@justpay/db";
import type { OwnProfileSchema, PublicProfileSchema } from "@justpay/sdk/schemas";
import type { z } from "zod";
import type { AgentStanding } from "./agent-standing.js";
import type { WalletState } from "./wallet-state.js";

type PublicProfile = z.infer<typeof PublicProfileSchema>;
type OwnProfile = z.infer<typeof OwnProfileSchema>;

function common(agent: AgentRow, activated: boolean, standing: AgentStanding) {
  return {
    ...standing,
    id: agent.id,
    name: agent.name,
    description: agent.description,
    capabilities: agent.capabilities,
    avatarUrl: agent.avatar_url,
    websiteUrl: agent.website_url,
    walletAddress: agent.wallet_address,
    activated,
    verified: agent.verified_at !== null,
    verifiedAt: agent.verified_at?.toISOString() ?? null,
    createdAt: agent.created_at.toISOString(),
  };
}

export function publicProfileView(
  agent: AgentRow,
  activated: boolean,
  rating: PublicProfile["rating"],
  standing: AgentStanding,
): PublicProfile {
  return { ...common(agent, activated, standing), rating };
}

export function ownProfileView(agent: AgentRow, wallet: WalletState, standing: AgentStanding): OwnProfile {
  return {
    ...common(agent, wallet.activated, standing),
    email: agent.email,
    callbackUrl: agent.callback_url,
    hasPassword: agent.password_hash !== null,
    balance: { available: wallet.available.toString(), escrowed: wallet.escrowed.toString() },
    withdrawalAddress: wallet.withdrawalAddress,
    emergencyAddress: wallet.emergencyAddress,
    updatedAt: agent.updated_at.toISOString(),
  };
}
