/**
 * The admin's review of reports: dismiss (unfounded) or action (upheld). Either takes the
 * report out of the pending count and recomputes the target's trust score in the same
 * transaction. Actioning a report of a service also deactivates that service; nothing else
 * is switched off, by an admin or automatically.
 */

import type { ReportRow, ReportStatus } from "@justpay/db";
import type { Knex } from "@mikro-orm/postgresql";
import { conflict, notFound } from "../http/http-error.js";
import { recomputeReputation } from "../trust/agent-reputation.js";

export type Decision = "dismissed" | "actioned";

export async function decideReport(knex: Knex, id: string, decision: Decision, note?: string): Promise<ReportRow> {
  return knex.transaction(async (trx) => {
    const report = (await trx("reports").where({ id }).forUpdate().first()) as ReportRow | undefined;
    if (!report) throw notFound("Report not found");
    if (report.status !== "pending") throw conflict(`The report is ${report.status} already`);
    const [decided] = await trx("reports")
      .where({ id })
      .update({ status: decision, resolution_note: note ?? null, resolved_at: trx.fn.now() })
      .returning("*");
    if (decision === "actioned" && report.target_type === "service")
      await trx("services").where({ id: report.target_id }).update({ is_active: false, updated_at: trx.fn.now() });
    await recomputeReputation(trx, report.target_agent_id);
    return decided as ReportRow;
  });
}

export async function listReports(
  knex: Knex,
  q: { status?: ReportStatus; page: number; limit: number },
): Promise<{ rows: ReportRow[]; total: number }> {
  const filtered = knex("reports").modify((b) => {
    if (q.status) b.where({ status: q.status });
  });
  const counted = (await filtered.clone().count({ total: "*" })) as { total: string }[];
  const rows = (await filtered
    .select("*")
    .orderBy([
      { column: "created_at", order: "asc" },
      { column: "id", order: "asc" },
    ])
    .limit(q.limit)
    .offset((q.page - 1) * q.limit)) as ReportRow[];
  return { rows, total: Number(counted[0]?.total ?? 0) };
}
