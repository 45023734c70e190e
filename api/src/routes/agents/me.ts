/** `GET /api/v1/agents/me` and `PATCH /api/v1/agents/me` (SEED_API.md, "Agent Profile"). */

import type { AgentRow } from "@justpay/db";
import { ErrorBody, OwnProfileSchema, UpdateProfileBody } from "@justpay/sdk/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { readAgentStanding } from "../../agents/agent-standing.js";
import { updateProfile } from "../../agents/profile-update.js";
import { ownProfileView } from "../../agents/profile-views.js";
import { readWalletState } from "../../agents/wallet-state.js";
import { refreshStaleReputations } from "../../trust/agent-reputation.js";

const PATCH_DESCRIPTION = `All fields optional; only those sent change, and null clears one.
callbackUrl, websiteUrl and avatarUrl must be https URLs (http is accepted in local mode).
callbackUrl is where webhooks go: a host that resolves to a loopback, private, link-local or
metadata address is refused (400) now and again at every delivery. Other fields are ignored.`;

export const meRoutes: FastifyPluginAsyncZod = async (app) => {
  const view = async (agent: AgentRow) => {
    await refreshStaleReputations(app.ctx.knex);
    return ownProfileView(
      agent,
      await readWalletState(app.ctx.knex, agent.wallet_address),
      await readAgentStanding(app.ctx.knex, agent.id),
    );
  };

  app.get(
    "/me",
    {
      preHandler: app.requireAgent,
      schema: {
        summary: "Get your profile",
        description: "Your full profile, with balances and addresses read from the on-chain ledger's index.",
        response: { 200: OwnProfileSchema, 401: ErrorBody },
      },
    },
    async (request) => view(request.agent!),
  );

  app.patch(
    "/me",
    {
      preHandler: app.requireAgent,
      schema: {
        summary: "Update your profile",
        description: PATCH_DESCRIPTION,
        body: UpdateProfileBody,
        response: { 200: OwnProfileSchema, 400: ErrorBody, 401: ErrorBody },
      },
    },
    async (request) => view(await updateProfile(app.ctx, request.agent!.id, request.body)),
  );
};
