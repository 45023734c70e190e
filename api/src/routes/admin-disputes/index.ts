/**
 * The admin's dispute desk (issue 10, "Disputes"): `GET /api/v1/admin/disputes` and
 * `POST /api/v1/admin/disputes/:jobId/resolve`, Bearer admin key. The domain is api/src/disputes.
 */

import {
  AdminDisputeList,
  AdminDisputesQuery,
  DisputeJobParams,
  errorResponses,
  ResolveDisputeAnswer,
  ResolveDisputeBody,
} from "@justpay/sdk/schemas";
import { listDisputes } from "../../disputes/dispute-store.js";
import { disputeView } from "../../disputes/dispute-view.js";
import { resolveDispute } from "../../disputes/resolve-dispute.js";
import { jobView } from "../../jobs/job-view.js";
import { defineRoutes } from "../route-module.js";

const RESOLVE_DESCRIPTION = `Runs resolve_dispute on-chain, signed by the platform's arbiter, and settles the job:
it ends \`completed\` when the provider was paid (all or half, outcome DisputeProviderWon or
DisputeSplit) and \`cancelled\` when the client got everything back (DisputeClientWon). The
dispute fee is never refunded. Both parties' trust scores are recomputed. 404 for a job without
a dispute, 409 when it is already resolved.`;

export const adminDisputeRoutes = defineRoutes("admin-disputes", "/api/v1/admin/disputes", async (app) => {
  app.get(
    "",
    {
      preHandler: app.requireAdmin,
      schema: {
        summary: "List disputes (admin)",
        description: "Disputes in `status` (default open), oldest first, with the job's amount and parties.",
        querystring: AdminDisputesQuery,
        response: {
          200: AdminDisputeList,
          ...errorResponses(400, 401),
        },
      },
    },
    async (request) => {
      const { status, page, limit } = request.query;
      const { disputes, total } = await listDisputes(app.ctx.knex, { status, page, limit });
      return {
        disputes: disputes.map((d) => ({
          ...disputeView(d),
          amount: String(d.amount),
          clientAgentId: d.client_agent_id,
          providerAgentId: d.provider_agent_id,
        })),
        pagination: { page, limit, total },
      };
    },
  );

  app.post(
    "/:jobId/resolve",
    {
      preHandler: app.requireAdmin,
      schema: {
        summary: "Resolve a dispute (admin)",
        description: RESOLVE_DESCRIPTION,
        params: DisputeJobParams,
        body: ResolveDisputeBody,
        response: {
          200: ResolveDisputeAnswer,
          ...errorResponses(400, 401, 404, 409),
        },
      },
    },
    async (request) => {
      const { job, dispute } = await resolveDispute(
        app.ctx,
        request.params.jobId,
        request.body.outcome,
        request.body.note ?? null,
      );
      return { message: "Dispute resolved", dispute: disputeView(dispute), job: jobView(job) };
    },
  );
});
