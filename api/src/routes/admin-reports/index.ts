/** The admin's report queue: list, dismiss, action (api/src/reports/report-moderation.ts). */

import { REPORT_STATUSES } from "@justpay/db";
import { z } from "zod";
import { ErrorBody } from "../../http/schemas.js";
import { type Decision, decideReport, listReports } from "../../reports/report-moderation.js";
import { AdminReportSchema, adminReportView } from "../../reports/report-view.js";
import { defineRoutes } from "../route-module.js";

const Params = z.object({ id: z.string().min(1).max(64) });
/** The body is optional: a bare POST decides without a note. */
const DecisionBody = z.preprocess(
  (body) => body ?? {},
  z.object({ note: z.string().max(1000).optional().describe("Why; kept on the report") }),
);
const errors = { 400: ErrorBody, 401: ErrorBody, 404: ErrorBody, 409: ErrorBody };

export const adminReportRoutes = defineRoutes("admin-reports", "/api/v1/admin/reports", async (app) => {
  app.get(
    "",
    {
      preHandler: app.requireAdmin,
      schema: {
        summary: "List reports (admin)",
        description: "Oldest first. status: pending (default), dismissed, actioned, expired or recovered.",
        querystring: z.object({
          status: z.enum(REPORT_STATUSES).default("pending"),
          page: z.coerce.number().int().min(1).default(1),
          limit: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: {
          200: z.object({
            reports: z.array(AdminReportSchema),
            pagination: z.object({ page: z.number().int(), limit: z.number().int(), total: z.number().int() }),
          }),
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
          params: Params,
          body: DecisionBody,
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
