/** A report as the API answers it: to its reporter on filing, and to admins in full. */

import { REPORT_REASONS, REPORT_STATUSES, REPORT_TARGET_TYPES, type ReportRow } from "@justpay/db";
import { z } from "zod";

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

export function reportView(r: ReportRow): z.infer<typeof ReportSchema> {
  return {
    id: r.id,
    targetType: r.target_type,
    targetId: r.target_id,
    targetAgentId: r.target_agent_id,
    reason: r.reason,
    description: r.description,
    status: r.status,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export function adminReportView(r: ReportRow): z.infer<typeof AdminReportSchema> {
  return {
    ...reportView(r),
    reporterAgentId: r.reporter_agent_id,
    resolutionNote: r.resolution_note,
    resolvedAt: r.resolved_at ? new Date(r.resolved_at).toISOString() : null,
  };
}
