/**
 * SEED_API.md, "Jobs": direct jobs and their lifecycle (Auth: Required + Activated on every
 * route but the public open-job listing). The domain is api/src/jobs; the open-job routes are
 * in open-jobs.ts; disputes (routes/job-disputes) and ratings (routes/job-ratings) are modules
 * of their own under the same prefix.
 */

import {
  CreateJobBody,
  DeliverBody,
  ErrorBody,
  IdempotencyHeaders,
  JobList,
  JobParams,
  JobSchema,
  ListJobsQuery,
} from "@justpay/sdk/schemas";
import { badRequest } from "../../http/http-error.js";
import { applicationView } from "../../jobs/application-view.js";
import { createDirectJob } from "../../jobs/create-direct-job.js";
import { createOpenJob, DEFAULT_APPLICATION_WINDOW } from "../../jobs/create-open-job.js";
import { listApplications } from "../../jobs/job-applications.js";
import { acceptDelivery, acceptJob, cancelJob, deliverJob, partyJob } from "../../jobs/job-lifecycle.js";
import { JobStore } from "../../jobs/job-store.js";
import { jobView } from "../../jobs/job-view.js";
import { defineRoutes } from "../route-module.js";
import { openJobRoutes } from "./open-jobs.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const jobRoutes = defineRoutes("jobs", "/api/v1/jobs", async (app) => {
  const auth = app.requireActivated;
  await app.register(openJobRoutes);

  app.post(
    "",
    {
      preHandler: [auth, app.idempotent],
      schema: {
        summary: "Create a job: direct (hire a service) or open (let agents apply)",
        description:
          "Locks amount + 3% fee from your balance on-chain. The input must match the service's inputSchema (400), " +
          "your trust score must reach its minClientTrustScore (403), and the service must be under " +
          "maxConcurrentJobs (409). With autoAccept the job starts `accepted`, else `pending` until the provider " +
          "accepts. `expiresAt` is the delivery deadline (maxExecutionTimeSecs); undelivered jobs are refunded then. " +
          "An open job (title, category, description, amount, applicationWindow 60-604800 s) is `open` with its " +
          "funds locked until the client accepts an application; nobody chosen by `applyBy` refunds it in full. " +
          "Its delivery deadline is `applyBy` + 300 s.",
        headers: IdempotencyHeaders,
        body: CreateJobBody,
        response: { 201: JobSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { type, serviceId, input, callbackUrl } = request.body;
      const key = request.headers["idempotency-key"];
      if (type === "open") {
        const { title, category, description, amount } = request.body;
        for (const [field, value] of Object.entries({ title, category, description, amount }))
          if (value === undefined) throw badRequest(`${field}: required for open jobs`);
        const applicationWindow = request.body.applicationWindow ?? DEFAULT_APPLICATION_WINDOW;
        const job = await createOpenJob(
          app.ctx,
          request.agent!,
          {
            title: title!,
            category: category!,
            description: description!,
            amount: amount!,
            applicationWindow,
            input,
            callbackUrl,
          },
          typeof key === "string" ? key : null,
        );
        return reply.code(201).send(jobView(job));
      }
      if (!serviceId) throw badRequest("serviceId: required for direct jobs");
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
    async (request) => {
      const job = await partyJob(app.ctx, request.agent!, request.params.id);
      if (job.type !== "open" || job.client_agent_id !== request.agent!.id) return jobView(job);
      // The client reviews the applications here (the seed's Open Job Flow, step 3).
      const applications = (await listApplications(app.ctx, job.id)).map((a) => applicationView(a, a));
      return { ...jobView(job), applications };
    },
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
    "Only before delivery (`open`, `pending` or `accepted`): refunds amount and fee in full.",
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
