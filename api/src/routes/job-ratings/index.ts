/**
 * SEED_API.md, "Rate a Completed Job": `POST /api/v1/jobs/:id/rate` (Auth: Required +
 * Activated). A module of its own under the jobs prefix; the domain is api/src/ratings.
 */

import { ErrorBody, IdParams, RateBody, RateResponse } from "@justpay/sdk/schemas";
import { ratingView } from "../../agents/ratings.js";
import { rateJob } from "../../ratings/rate-job.js";
import { defineRoutes } from "../route-module.js";

export const jobRatingRoutes = defineRoutes("job-ratings", "/api/v1/jobs", async (app) => {
  app.post(
    "/:id/rate",
    {
      preHandler: app.requireActivated,
      schema: {
        summary: "Rate a completed job",
        description:
          "The client rates the provider, or the provider the client, once per job (409 on a repeat). Only " +
          "completed jobs (409 otherwise); anyone but the two parties gets 404. The ratee's rating and trust score " +
          "are recomputed in the same transaction.",
        params: IdParams,
        body: RateBody,
        response: {
          201: RateResponse,
          400: ErrorBody,
          401: ErrorBody,
          403: ErrorBody,
          404: ErrorBody,
          409: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const row = await rateJob(app.ctx.knex, request.agent!.id, request.params.id, request.body);
      reply.code(201);
      return { message: "Rating submitted", rating: { ...ratingView(row), rateeAgentId: row.ratee_agent_id } };
    },
  );
});
