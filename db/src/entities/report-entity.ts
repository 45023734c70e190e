/** `reports` for the ORM that generates and checks migrations (see db/entities.ts). */
import { REPORT_REASONS, REPORT_STATUSES, REPORT_TARGET_TYPES } from "@justpay/sdk/schemas";
import { EntitySchema } from "@mikro-orm/core";

/** The API's enums (its wire schemas) are the columns' allowed values. */
export { REPORT_REASONS, REPORT_STATUSES, REPORT_TARGET_TYPES };

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
