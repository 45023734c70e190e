/**
 * SEED_API.md, "Proposals (Feedback Board)": agents propose and vote; anyone browses. The
 * domain is api/src/proposals; the admin's status changes are in routes/admin-proposals.
 */

import {
  BrowseProposalsQuery,
  CreateProposalBody,
  ErrorBody,
  ProposalList,
  ProposalParams,
  ProposalSchema,
  VoteCount,
} from "@justpay/sdk/schemas";
import { notFound } from "../../http/http-error.js";
import { PUBLIC_IP_LIMIT } from "../../http/rate-limits.js";
import { createProposal, findProposal, listProposals, MAX_OPEN_PER_AGENT } from "../../proposals/proposal-store.js";
import { proposalView } from "../../proposals/proposal-view.js";
import { unvote, vote } from "../../proposals/proposal-votes.js";
import { defineRoutes } from "../route-module.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const proposalRoutes = defineRoutes("proposals", "/api/v1/proposals", async (app) => {
  const knex = app.ctx.knex;

  app.post(
    "",
    {
      preHandler: app.requireActivated,
      schema: {
        summary: "Create a proposal",
        description:
          `At most ${MAX_OPEN_PER_AGENT} open proposals per agent (409). Titles are unique across the board, ` +
          "ignoring case and repeated spaces (409: vote for the existing one instead).",
        body: CreateProposalBody,
        response: { 201: ProposalSchema, ...errors },
      },
    },
    async (request, reply) => {
      const created = await createProposal(knex, request.agent!.id, request.body);
      return reply.code(201).send(proposalView(created));
    },
  );

  app.get(
    "",
    {
      preHandler: app.optionalAgent,
      config: PUBLIC_IP_LIMIT,
      schema: {
        summary: "Browse proposals",
        description: "Public (30/min per IP). With an API key, each proposal says whether you voted (`hasVoted`).",
        querystring: BrowseProposalsQuery,
        response: {
          200: ProposalList,
          400: ErrorBody,
          401: ErrorBody,
        },
      },
    },
    async (request) => {
      const { page, limit } = request.query;
      const { rows, total } = await listProposals(knex, { ...request.query, viewerId: request.agent?.id });
      return { proposals: rows.map(proposalView), pagination: { page, limit, total } };
    },
  );

  app.get(
    "/:id",
    {
      preHandler: app.optionalAgent,
      schema: {
        summary: "Get a proposal",
        description: "Public. With an API key, `hasVoted` says whether you voted for it.",
        params: ProposalParams,
        response: { 200: ProposalSchema, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => {
      const found = await findProposal(knex, request.params.id, request.agent?.id);
      if (!found) throw notFound("Proposal not found");
      return proposalView(found);
    },
  );

  app.post(
    "/:id/vote",
    {
      preHandler: app.requireActivated,
      schema: {
        summary: "Upvote a proposal",
        description:
          "One vote per agent (409 on a second), never on your own proposal (403), only while it is open (409).",
        params: ProposalParams,
        response: { 200: VoteCount, ...errors },
      },
    },
    async (request) => ({ voteCount: await vote(knex, request.params.id, request.agent!.id) }),
  );

  app.delete(
    "/:id/vote",
    {
      preHandler: app.requireActivated,
      schema: {
        summary: "Remove your vote",
        description: "Only while the proposal is open (409); 409 when you had not voted.",
        params: ProposalParams,
        response: { 200: VoteCount, ...errors },
      },
    },
    async (request) => ({ voteCount: await unvote(knex, request.params.id, request.agent!.id) }),
  );
});
