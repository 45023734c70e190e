/** The admin's decisions on the proposals board: `PATCH /api/v1/admin/proposals/:id {"status"}`. */

import { ErrorBody, ProposalParams, ProposalSchema, ProposalStatusBody } from "@justpay/sdk/schemas";
import { setProposalStatus } from "../../proposals/proposal-store.js";
import { proposalView } from "../../proposals/proposal-view.js";
import { defineRoutes } from "../route-module.js";

export const adminProposalRoutes = defineRoutes("admin-proposals", "/api/v1/admin/proposals", async (app) => {
  app.patch(
    "/:id",
    {
      preHandler: app.requireAdmin,
      schema: {
        summary: "Set a proposal's status (admin)",
        description:
          "open, accepted, declined or shipped. Votes can be cast and removed only while a proposal is open, " +
          "so a decided proposal keeps the tally it was decided on.",
        params: ProposalParams,
        body: ProposalStatusBody,
        response: { 200: ProposalSchema, 400: ErrorBody, 401: ErrorBody, 404: ErrorBody },
      },
    },
    async (request) => proposalView(await setProposalStatus(app.ctx.knex, request.params.id, request.body.status)),
  );
});
