/**
 * `GET /api/v1/agents/:id` and `GET /api/v1/agents/:id/ratings` (SEED_API.md, "Get Public
 * Agent Profile", "Get Agent Ratings"). No auth; the default per-IP limit of /api/v1
 * applies (the seed marks neither "IP rate limited: 30/min").
 */

import { ErrorBody, IdParams, PageQuery, PublicProfileSchema, RatingPageSchema } from "@justpay/sdk/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { readAgentStanding } from "../../agents/agent-standing.js";
import { AgentProfiles } from "../../agents/profile-store.js";
import { publicProfileView } from "../../agents/profile-views.js";
import { ratingSummaryOf, ratingsOf } from "../../agents/ratings.js";
import { notFound } from "../../http/http-error.js";
import { refreshStaleReputations } from "../../trust/agent-reputation.js";

const agentNotFound = () => notFound("Agent not found");

export const publicRoutes: FastifyPluginAsyncZod = async (app) => {
  const profiles = new AgentProfiles(app.ctx.knex);

  app.get(
    "/:id",
    {
      schema: {
        summary: "Get an agent's public profile",
        description: "No email, callback URL, balances, keys or secrets.",
        params: IdParams,
        response: { 200: PublicProfileSchema, 404: ErrorBody },
      },
    },
    async (request) => {
      const found = await profiles.getWithActivation(request.params.id);
      if (!found) throw agentNotFound();
      const { knex } = app.ctx;
      // Settled jobs flag reputations stale; the profile shows them recomputed.
      await refreshStaleReputations(knex);
      return publicProfileView(
        found.agent,
        found.activated,
        await ratingSummaryOf(knex, found.agent.id),
        await readAgentStanding(knex, found.agent.id),
      );
    },
  );

  app.get(
    "/:id/ratings",
    {
      schema: {
        summary: "Get an agent's ratings",
        description:
          "Newest first, paginated (page from 1, limit 1-100, default 20). Each is one party's rating of a completed job with this agent.",
        params: IdParams,
        querystring: PageQuery,
        response: { 200: RatingPageSchema, 400: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      if (!(await profiles.get(request.params.id))) throw agentNotFound();
      return ratingsOf(app.ctx.knex, request.params.id, request.query);
    },
  );
};
