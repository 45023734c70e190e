/** SEED_API.md, "Reports": `POST /api/v1/reports`. The domain is api/src/reports. */

import { ErrorBody, ReportBody, ReportSchema } from "@justpay/sdk/schemas";
import { fileReport } from "../../reports/file-report.js";
import { JOBS_PER_RECOVERY, REPORT_EXPIRY_DAYS } from "../../reports/report-recovery.js";
import { reportView } from "../../reports/report-view.js";
import { defineRoutes } from "../route-module.js";

export const reportRoutes = defineRoutes("reports", "/api/v1/reports", async (app) => {
  app.post(
    "",
    {
      preHandler: app.requireActivated,
      schema: {
        summary: "Report an agent, a service or a job",
        description:
          "The report counts against one agent: the agent itself, the service's provider, or your counterparty on " +
          "the job (only a job's parties may report it; 404 otherwise). It raises the agent's pendingReportCount " +
          "and lowers its trust score at once, and a warning badge (low 1-2, medium 3-4, high 5+) shows on its " +
          "profile, services, jobs and public pages. Nothing is disabled automatically. You cannot report yourself " +
          "(400), and while your report of a target is pending a second is 409. Pending reports expire after " +
          `${REPORT_EXPIRY_DAYS} days without a new report against the agent, and every ${JOBS_PER_RECOVERY} ` +
          "successful jobs since its last report dismiss its oldest one.",
        body: ReportBody,
        response: { 201: ReportSchema, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          reportView(await fileReport(app.ctx.knex, request.agent!.id, request.body, await app.ctx.chain.unixTime())),
        ),
  );
});
