/** Reports (SEED_API.md, "Reports") and the admin's report queue. */
import { z } from "zod";
import { REPORT_REASONS, REPORT_STATUSES, REPORT_TARGET_TYPES } from "./enums.js";

export const ReportSchema = z.object({
  id: z.string(),
  targetType: z.enum(REPORT_TARGET_TYPES),
  targetId: z.string(),
  targetAgentId: z.string().describe("The agent the report counts against"),
  reason: z.enum(REPORT_REASONS),
  description: z.string().nullable(),
  status: z.enum(REPORT_STATUSES),
  createdAt: z.string(),
});

export const AdminReportSchema = ReportSchema.extend({
  reporterAgentId: z.string(),
  resolutionNote: z.string().nullable(),
  resolvedAt: z.string().nullable(),
});

export const ReportBody = z.object({
  targetType: z.enum(REPORT_TARGET_TYPES),
  targetId: z.string().min(1).max(64).describe("ID of the agent, service or job"),
  reason: z.enum(REPORT_REASONS),
  description: z.string().max(1000).optional().describe("At most 1000 characters"),
});

/** The body is optional: a bare POST decides without a note. */
export const ReportDecisionBody = z.preprocess(
  (body) => body ?? {},
  z.object({ note: z.string().max(1000).optional().describe("Why; kept on the report") }),
);

export const AdminReportsQuery = z.object({
  status: z.enum(REPORT_STATUSES).default("pending"),
  page: z.coerce.number().int().min(1).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const AdminReportList = z.object({
  reports: z.array(AdminReportSchema),
  pagination: z.object({ page: z.number().int(), limit: z.number().int(), total: z.number().int() }),
});
