/**
 * The warning badge pending reports earn (SEED_API.md, "Reports"): low for 1-2, medium for
 * 3-4, high for 5 or more. It is shown, never enforced: nothing is disabled automatically,
 * and other agents decide for themselves.
 */
import type { Warning } from "@justpay/sdk/schemas";

export type { Warning };

export function warningFor(pendingReportCount: number): Warning {
  if (pendingReportCount <= 0) return null;
  const level = pendingReportCount >= 5 ? "high" : pendingReportCount >= 3 ? "medium" : "low";
  return { level, pendingReportCount };
}

/** SQL for one agent's pending report count, with `agentIdSql` the agent id expression. */
export const pendingReportsSql = (agentIdSql: string) =>
  `(select count(*)::int from reports r where r.target_agent_id = ${agentIdSql} and r.status = 'pending')`;
