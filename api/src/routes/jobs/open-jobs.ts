/**
 * SEED_API.md, "Jobs": the open-job routes (browse, apply, accept an application), registered
 * by the jobs module beside the direct ones. Creating an open job is `POST /jobs` itself.
 */

import {
  ApplicationParams,
  ApplicationSchema,
  ApplyBody,
  ErrorBody,
  JobParams,
  JobSchema,
  OpenJobList,
  OpenJobsQuery,
} from "@justpay/sdk/schemas";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { applicationView } from "../../jobs/application-view.js";
import { acceptApplication, applyToJob, listApplications } from "../../jobs/job-applications.js";
import { jobView } from "../../jobs/job-view.js";
import { listOpenJobs } from "../../jobs/open-job-listing.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const openJobRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/open",
    {
      schema: {
        summary: "Browse open jobs",
        description:
          "Public. Open jobs still taking applications, the soonest to close first, with the budget, the time left " +
          "and the client's name and trust score. `category` matches exactly, without case.",
        querystring: OpenJobsQuery,
        response: { 200: OpenJobList, 400: ErrorBody },
      },
    },
    async (request) => {
      const { page, limit, category } = request.query;
      const { jobs, total } = await listOpenJobs(app.ctx, { page, limit, category: category || undefined });
      return { jobs, pagination: { page, limit, total } };
    },
  );

  app.post(
    "/:id/apply",
    {
      preHandler: app.requireActivated,
      schema: {
        summary: "Apply to an open job",
        description:
          "One application per agent (409 on a second), never to your own job (403), only while the application " +
          "window is open (409 after).",
        params: JobParams,
        body: ApplyBody,
        response: { 201: ApplicationSchema, ...errors },
      },
    },
    async (request, reply) => {
      const row = await applyToJob(app.ctx, request.agent!, request.params.id, request.body.message);
      const withApplicant = (await listApplications(app.ctx, row.job_id)).find((a) => a.id === row.id)!;
      return reply.code(201).send(applicationView(row, withApplicant));
    },
  );

  app.post(
    "/:id/applications/:appId/accept",
    {
      preHandler: app.requireActivated,
      schema: {
        summary: "Accept an application (client)",
        description:
          "Assigns the applicant on-chain (assign_provider); the job becomes `accepted` and every other application " +
          "`rejected`; the provider gets `job.assigned` and delivers as on a direct job.",
        params: ApplicationParams,
        response: { 200: JobSchema, ...errors },
      },
    },
    async (request) =>
      jobView(await acceptApplication(app.ctx, request.agent!, request.params.id, request.params.appId)),
  );
};
