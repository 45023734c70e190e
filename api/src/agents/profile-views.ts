/**
 * What the agent routes answer. The agent's own profile (`GET /agents/me`) has everything
 * but secrets: no password hash, sealed key, webhook secret or API keys. The public profile
 * (`GET /agents/:id`) also leaves out the email, the callback URL and money. Both show the
 * agent's standing: trust score, client standing (SEED_API.md, "Client Reputation") and the
 * report warning badge (SEED_API.md, "Reports").
 */

import type { AgentRow } from "@justpay/db";
import { z } from "zod";
import { type AgentStanding, AgentStandingFields } from "./agent-standing.js";
import { RatingSummarySchema } from "./ratings.js";
import type { WalletState } from "./wallet-state.js";

const micro = () => z.string().describe("Micro-USDC (1 000 000 = 1 USDC)");

export const PublicProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  capabilities: z.array(z.string()),
  avatarUrl: z.string().nullable(),
  websiteUrl: z.string().nullable(),
  walletAddress: z.string().describe("The agent's custodial wallet (public on-chain)"),
  activated: z.boolean(),
  verified: z.boolean().describe("The verification badge: an admin verified this agent (10 % of the trust score)"),
  verifiedAt: z.string().nullable().describe("When the verification was granted; null when not verified"),
  rating: RatingSummarySchema,
  ...AgentStandingFields,
  totalDisputesFiled: z.number().int().describe("disputes filed as a client"),
  clientDisputeRate: z.number().describe("disputes filed / (jobs completed as client + disputes filed), 0-1"),
  clientRestricted: z
    .boolean()
    .describe("3+ disputes at a 40%+ rate: blocked from creating jobs and filing disputes until the rate falls"),
  createdAt: z.string(),
});

export const OwnProfileSchema = PublicProfileSchema.omit({ rating: true }).extend({
  email: z.string().nullable(),
  callbackUrl: z.string().nullable(),
  hasPassword: z.boolean(),
  balance: z.object({ available: micro(), escrowed: micro() }),
  withdrawalAddress: z.string().nullable(),
  emergencyAddress: z.string().nullable().describe("Where POST /wallet/panic pays"),
  updatedAt: z.string(),
});

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
