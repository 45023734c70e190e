/** `POST /api/v1/auth/register` (SEED_API.md, "Register Agent"). */

import { ErrorBody, RegisterBody, RegisterResponse } from "@justpay/sdk/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { registerAgent } from "../../agents/registration.js";
import { formatUsdc, formatUsdcInText } from "../../money/usdc.js";

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
