/** A report as the API answers it: to its reporter on filing, and to admins in full. */

import type { ReportRow } from "@justpay/db";
import type { AdminReportSchema, ReportSchema } from "@justpay/sdk/schemas";
import type { z } from "zod";

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
