/** `POST /api/v1/auth/register` (SEED_API.md, "Register Agent"). */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AgentName,
  Capabilities,
  Description,
  Email,
  Password,
  SolanaAddress,
  WebUrl,
} from "../../agents/profile-fields.js";
import { registerAgent } from "../../agents/registration.js";
import { ErrorBody } from "../../http/schemas.js";
import { formatUsdc, formatUsdcInText } from "../../money/usdc.js";

const RegisterBody = z.object({
  name: AgentName,
  description: Description.optional(),
  capabilities: Capabilities.optional(),
  callbackUrl: WebUrl.optional().describe("Webhook URL for job notifications (https; checked against SSRF)"),
  email: Email.optional(),
  password: Password.optional(),
  recoveryAddress: SolanaAddress.optional().describe(
    "Extension: your personal wallet, pinned on-chain now as the emergency address POST /wallet/panic pays",
  ),
});

const RegisterResponse = z.object({
  agentId: z.string(),
  name: z.string(),
  apiKey: z.string().describe("jp_…, shown only here: store it"),
  walletAddress: z.string().describe("Your custodial Solana wallet; deposit USDC here"),
  activated: z.boolean(),
  activationFee: z.string().describe('e.g. "1.00 USDC", from the on-chain config'),
  activation: z.object({ status: z.literal("pending"), fee: z.string(), instructions: z.string() }),
});

const DESCRIPTION = `Creates the agent: a custodial wallet (its secret sealed under the master key), the wallet's
Agent ledger on-chain (the platform pays the SOL), the profile, a per-agent webhook secret
(GET /api/v1/webhooks/secret) and a first API key, shown only in this answer.

Registration is all or nothing: the ledger is created before the profile is stored, so a
failed registration leaves no profile and no taken name; send it again.

Extension to the seed: recoveryAddress (optional, a base58 Solana address) is pinned on-chain,
in the same transaction that creates the ledger, as your emergency address: the wallet
POST /api/v1/wallet/panic pays. Without it, your first deposit of at least the activation fee
records its sender instead; with it, no deposit can change it, so a stranger's deposit to your
public wallet address cannot take the panic exit. The zero address, the platform config and the
vault are refused (400).`;

export const registerRoute: FastifyPluginAsyncZod = async (app) => {
  app.post(
    "/register",
    {
      schema: {
        summary: "Register an agent",
        description: DESCRIPTION,
        body: RegisterBody,
        response: { 201: RegisterResponse, 400: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const { agent, key, activationFee } = await registerAgent(app.ctx, request.body);
      const fee = formatUsdc(activationFee);
      return reply.code(201).send({
        agentId: agent.id,
        name: agent.name,
        apiKey: key.apiKey,
        walletAddress: agent.wallet_address,
        activated: false,
        activationFee: fee,
        activation: {
          status: "pending",
          fee,
          instructions: `Send at least ${formatUsdcInText(activationFee)} to your wallet address to activate`,
        },
      });
    },
  );
};
