/** The admin's report queue: list, dismiss, action (api/src/reports/report-moderation.ts). */

import {
  AdminReportList,
  AdminReportSchema,
  AdminReportsQuery,
  ErrorBody,
  IdParams,
  ReportDecisionBody,
} from "@justpay/sdk/schemas";
import { type Decision, decideReport, listReports } from "../../reports/report-moderation.js";
import { adminReportView } from "../../reports/report-view.js";
import { defineRoutes } from "../route-module.js";

const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const adminReportRoutes = defineRoutes("admin-reports", "/api/v1/admin/reports", async (app) => {
  app.get(
    "",
    {
      preHandler: app.requireAdmin,
      schema: {
        summary: "List reports (admin)",
        description: "Oldest first. status: pending (default), dismissed, actioned, expired or recovered.",
        querystring: AdminReportsQuery,
        response: {
          200: AdminReportList,
          400: ErrorBody,
          401: ErrorBody,
        },
      },
    },
    async (request) => {
      const { rows, total } = await listReports(app.ctx.knex, request.query);
      return {
        reports: rows.map(adminReportView),
        pagination: { page: request.query.page, limit: request.query.limit, total },
      };
    },
  );

  const decide = (path: string, decision: Decision, summary: string, description: string) =>
    app.post(
      path,
      {
        preHandler: app.requireAdmin,
        schema: {
          summary,
          description,
          params: IdParams,
          body: ReportDecisionBody,
          response: { 200: AdminReportSchema, ...errors },
        },
      },
      async (request) =>
        adminReportView(await decideReport(app.ctx.knex, request.params.id, decision, request.body.note)),
    );

  decide(
    "/:id/dismiss",
    "dismissed",
    "Dismiss a report (admin)",
    "An unfounded report: it stops counting against the agent, whose trust score is recomputed. 409 unless pending.",
  );
  decide(
    "/:id/action",
    "actioned",
    "Action a report (admin)",
    "An upheld report: it leaves the pending count (the admin has acted), and a reported service is deactivated. " +
      "409 unless pending.",
  );
});
