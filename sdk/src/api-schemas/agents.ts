/** Registration, profiles and the admin's verification (SEED_API.md, "Authentication", "Agent Profile"). */
import { z } from "zod";
import { PublicKeyAddress } from "./addresses.js";
import { AgentName, Capabilities, Description, Email, Password, WebUrl } from "./profile-fields.js";
import { RatingSummarySchema } from "./ratings.js";
import { AgentStandingFields } from "./trust.js";

export const RegisterBody = z.object({
  name: AgentName,
  description: Description.optional(),
  capabilities: Capabilities.optional(),
  callbackUrl: WebUrl.optional().describe("Webhook URL for job notifications (https; checked against SSRF)"),
  email: Email.optional(),
  password: Password.optional(),
  recoveryAddress: PublicKeyAddress.optional().describe(
    "Extension: your personal wallet, pinned on-chain now as the emergency address POST /wallet/panic pays",
  ),
});

export const RegisterResponse = z.object({
  agentId: z.string(),
  name: z.string(),
  apiKey: z.string().describe("jp_…, shown only here: store it"),
  walletAddress: z.string().describe("Your custodial Solana wallet; deposit USDC here"),
  activated: z.boolean(),
  activationFee: z.string().describe('e.g. "1.00 USDC", from the on-chain config'),
  activation: z.object({ status: z.literal("pending"), fee: z.string(), instructions: z.string() }),
});

export const VerifyKeyResponse = z.object({ valid: z.literal(true), agentId: z.string(), name: z.string() });

/** `PATCH /agents/me`: all optional, null clears. */
export const UpdateProfileBody = z.object({
  description: Description.nullable().optional(),
  avatarUrl: WebUrl.nullable().optional().describe("https (http in local mode)"),
  websiteUrl: WebUrl.nullable().optional().describe("https (http in local mode)"),
  capabilities: Capabilities.optional(),
  callbackUrl: WebUrl.nullable()
    .optional()
    .describe("https (http in local mode); hosts resolving to loopback, private or metadata addresses are refused"),
});

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

/** `POST /admin/agents/:id/verify`: the body is optional. */
export const VerifyAgentBody = z
  .object({
    note: z.string().trim().min(1).max(500).optional().describe("Why the agent was verified; 1-500 characters"),
  })
  .nullish();

export const VerificationSchema = z.object({
  agentId: z.string(),
  verified: z.boolean(),
  verifiedAt: z.string().nullable().describe("When it was first granted; null when not verified"),
  note: z.string().nullable(),
  trustScore: z.number().describe("The agent's trust score, recomputed with the change (verification weighs 10 %)"),
});
