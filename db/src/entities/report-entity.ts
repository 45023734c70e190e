/** `reports` for the ORM that generates and checks migrations (see db/entities.ts). */
import { EntitySchema } from "@mikro-orm/core";

export const REPORT_TARGET_TYPES = ["agent", "service", "job"] as const;
export const REPORT_REASONS = ["spam", "fraud", "illegal", "abuse", "other"] as const;
/**
 * pending: counts against the target; dismissed: by an admin; actioned: upheld by an admin;
 * expired: 30 days passed without a new report against the target; recovered: dismissed by
 * the target's successful jobs since its last report.
 */
export const REPORT_STATUSES = ["pending", "dismissed", "actioned", "expired", "recovered"] as const;

export type ReportTargetType = (typeof REPORT_TARGET_TYPES)[number];
export type ReportReason = (typeof REPORT_REASONS)[number];
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export interface ReportRow {
  id: string;
  reporter_agent_id: string;
  target_type: ReportTargetType;
  target_id: string;
  /** The agent the report counts against. */
  target_agent_id: string;
  reason: ReportReason;
  description: string | null;
  status: ReportStatus;
  resolution_note: string | null;
  resolved_at: Date | null;
  /** The chain's clock (unix seconds) at filing: what the 30-day expiry is measured on. */
  filed_at_unix: string;
  created_at: Date;
}

export const Report = new EntitySchema<ReportRow>({
  name: "Report",
  tableName: "reports",
  properties: {
    id: { type: "string", columnType: "text", primary: true },
    reporter_agent_id: { type: "string", columnType: "text" },
    target_type: { type: "string", columnType: "text" },
    target_id: { type: "string", columnType: "text" },
    target_agent_id: { type: "string", columnType: "text" },
    reason: { type: "string", columnType: "text" },
    description: { type: "string", columnType: "text", nullable: true },
    status: { type: "string", columnType: "text", defaultRaw: `'pending'` },
    resolution_note: { type: "string", columnType: "text", nullable: true },
    resolved_at: { type: "Date", columnType: "timestamptz", nullable: true },
    filed_at_unix: { type: "string", columnType: "bigint" },
    created_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
  },
  indexes: [
    { name: "reports_target_agent_index", properties: ["target_agent_id", "status", "created_at"] },
    { name: "reports_status_index", properties: ["status", "created_at"] },
    {
      name: "reports_one_pending_per_reporter",
      expression: `create unique index "reports_one_pending_per_reporter" on "reports" ("reporter_agent_id", "target_type", "target_id") where status = 'pending'`,
    },
  ],
});
