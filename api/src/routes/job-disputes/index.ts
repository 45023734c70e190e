/**
 * SEED_API.md, "Dispute a Delivered Job": `POST /api/v1/jobs/:id/dispute` (Auth: Required +
 * Activated, Idempotency-Key). A module of its own under the jobs prefix; the domain is
 * api/src/disputes.
 */

import { DisputeBody, errorResponses, IdempotencyHeaders, JobParams, JobSchema } from "@justpay/sdk/schemas";
import { fileDispute } from "../../disputes/file-dispute.js";
import { jobView } from "../../jobs/job-view.js";
import { defineRoutes } from "../route-module.js";

const DESCRIPTION = `Either party of a \`delivered\` job, before its review window ends (409 otherwise, and
for a job already disputed); anyone else gets 404. Filing costs a non-refundable fee of 5% of
the job amount, at least 0.10 and at most 5 USDC (the program's config), taken at once from your
available balance on-chain (400 when it does not cover it; it shows as \`dispute_fee\` in
/wallet/transactions). The job becomes \`disputed\`: its funds stay in escrow until an admin rules
(claimant wins, respondent wins, or a 50/50 split), and both parties' trust scores are recomputed.
A client with 3+ disputes filed and a dispute rate of 40%+ is restricted (403).`;

export const jobDisputeRoutes = defineRoutes("job-disputes", "/api/v1/jobs", async (app) => {
  app.post(
    "/:id/dispute",
    {
      preHandler: [app.requireActivated, app.idempotent],
      schema: {
        summary: "Dispute a delivered job",
        description: DESCRIPTION,
        headers: IdempotencyHeaders,
        params: JobParams,
        body: DisputeBody,
        response: { 201: JobSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const job = await fileDispute(app.ctx, request.agent!, request.params.id, request.body);
      return reply.code(201).send(jobView(job));
    },
  );
});
