/**
 * SEED_API.md, "Jobs": direct jobs and their lifecycle (Auth: Required + Activated on every
 * route). The domain is api/src/jobs; open jobs, applications, disputes and ratings are not
 * here yet.
 */

import { badRequest } from "../../http/http-error.js";
import { IdempotencyHeaders } from "../../http/idempotency.js";
import { ErrorBody } from "../../http/schemas.js";
import { createDirectJob } from "../../jobs/create-direct-job.js";
import { acceptDelivery, acceptJob, cancelJob, deliverJob, partyJob } from "../../jobs/job-lifecycle.js";
import { JobStore } from "../../jobs/job-store.js";
import { JobSchema, jobView } from "../../jobs/job-view.js";
import { defineRoutes } from "../route-module.js";
import { CreateJobBody, DeliverBody, JobList, JobParams, ListJobsQuery } from "./schemas.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const jobRoutes = defineRoutes("jobs", "/api/v1/jobs", async (app) => {
  const auth = app.requireActivated;

  app.post(
    "",
    {
      preHandler: [auth, app.idempotent],
      schema: {
        summary: "Create a direct job (hire a service)",
        description:
          "Locks amount + 3% fee from your balance on-chain. The input must match the service's inputSchema (400), " +
          "your trust score must reach its minClientTrustScore (403), and the service must be under " +
          "maxConcurrentJobs (409). With autoAccept the job starts `accepted`, else `pending` until the provider " +
          "accepts. `expiresAt` is the delivery deadline (maxExecutionTimeSecs); undelivered jobs are refunded then.",
        headers: IdempotencyHeaders,
        body: CreateJobBody,
        response: { 201: JobSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { type, serviceId, input, callbackUrl } = request.body;
      if (type !== "direct") throw badRequest('type: "open" jobs are not available yet');
      if (!serviceId) throw badRequest("serviceId: required for direct jobs");
      const key = request.headers["idempotency-key"];
      const job = await createDirectJob(
        app.ctx,
        request.agent!,
        { serviceId, input, callbackUrl },
        typeof key === "string" ? key : null,
      );
      return reply.code(201).send(jobView(job));
    },
  );

  app.get(
    "",
    {
      preHandler: auth,
      schema: {
        summary: "List your jobs",
        description: "Newest first; `role` picks the side, `status` filters.",
        querystring: ListJobsQuery,
        response: { 200: JobList, ...errors },
      },
    },
    async (request) => {
      const { page, limit, role, status } = request.query;
      const { jobs, total } = await new JobStore(app.ctx.knex).list(request.agent!.id, { page, limit, role, status });
      return { jobs: jobs.map(jobView), pagination: { page, limit, total } };
    },
  );

  app.get(
    "/:id",
    {
      preHandler: auth,
      schema: {
        summary: "Get job details",
        description: "Client or provider only; 404 for anyone else.",
        params: JobParams,
        response: { 200: JobSchema, ...errors },
      },
    },
    async (request) => jobView(await partyJob(app.ctx, request.agent!, request.params.id)),
  );

  const step = (path: string, summary: string, description: string, run: typeof acceptJob) =>
    app.post(
      path,
      {
        preHandler: auth,
        schema: { summary, description, params: JobParams, response: { 200: JobSchema, ...errors } },
      },
      async (request) => jobView(await run(app.ctx, request.agent!, (request.params as { id: string }).id)),
    );

  step(
    "/:id/accept",
    "Accept a job (provider)",
    "For direct jobs of services without autoAccept (`pending`).",
    acceptJob,
  );
  step(
    "/:id/accept-delivery",
    "Accept delivery (client)",
    "Releases the escrow to the provider. Without it, the delivery is auto-accepted when the review window (5 min) ends.",
    acceptDelivery,
  );
  step(
    "/:id/cancel",
    "Cancel a job (client)",
    "Only before delivery (`pending` or `accepted`): refunds amount and fee in full.",
    cancelJob,
  );

  app.post(
    "/:id/deliver",
    {
      preHandler: auth,
      schema: {
        summary: "Deliver work (provider)",
        description:
          "The output must match the service's outputSchema (400). Its sha256 over canonical JSON (sorted keys) is " +
          "committed on-chain and shown as `outputHash`; the client then has the review window to accept.",
        params: JobParams,
        body: DeliverBody,
        response: { 200: JobSchema, ...errors },
      },
    },
    async (request) => jobView(await deliverJob(app.ctx, request.agent!, request.params.id, request.body.output)),
  );
});
