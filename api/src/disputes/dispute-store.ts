/**
 * Reads and writes of `disputes`. The writes run inside the caller's transaction, beside the
 * recomputation of both parties' reputation, so a trust score never lags the dispute it counts.
 */

import type { DisputeRow, DisputeRuling } from "@justpay/db";
import type { Knex } from "@mikro-orm/postgresql";
import { newId } from "../db/ids.js";
import { recomputeReputation } from "../trust/agent-reputation.js";

export type NewDispute = Pick<
  DisputeRow,
  "job_id" | "claimant_agent_id" | "respondent_agent_id" | "party" | "reason" | "description" | "fee"
>;

async function recomputeParties(trx: Knex, d: Pick<DisputeRow, "claimant_agent_id" | "respondent_agent_id">) {
  // A fixed order, so two transactions on the same pair never lock the rows crosswise.
  for (const id of [d.claimant_agent_id, d.respondent_agent_id].sort()) await recomputeReputation(trx, id);
}

export async function findDispute(knex: Knex, jobId: string): Promise<DisputeRow | undefined> {
  return (await knex("disputes").where({ job_id: jobId }).first()) as DisputeRow | undefined;
}

/** Records a filed dispute (once per job: a retry finds the first row) and recomputes both parties. */
export async function recordDispute(knex: Knex, d: NewDispute): Promise<DisputeRow> {
  return knex.transaction(async (trx) => {
    await trx("disputes")
      .insert({ id: newId(), ...d, status: "open" })
      .onConflict("job_id")
      .ignore();
    const row = (await trx("disputes").where({ job_id: d.job_id }).first()) as DisputeRow;
    await recomputeParties(trx, row);
    return row;
  });
}

/** Marks an open dispute resolved and recomputes both parties; undefined when it was not open. */
export async function recordRuling(
  knex: Knex,
  jobId: string,
  ruling: DisputeRuling,
  note: string | null,
): Promise<DisputeRow | undefined> {
  return knex.transaction(async (trx) => {
    const [row] = (await trx("disputes")
      .where({ job_id: jobId, status: "open" })
      .update({ status: "resolved", outcome: ruling, note, resolved_at: trx.fn.now() })
      .returning("*")) as DisputeRow[];
    if (row) await recomputeParties(trx, row);
    return row;
  });
}

export interface AdminDisputeRow extends DisputeRow {
  amount: string;
  client_agent_id: string;
  provider_agent_id: string;
}

/** The admin's list: disputes in `status` with their job's amount and parties, oldest first. */
export async function listDisputes(
  knex: Knex,
  q: { status: "open" | "resolved"; page: number; limit: number },
): Promise<{ disputes: AdminDisputeRow[]; total: number }> {
  const base = knex("disputes as d").join("jobs as j", "j.id", "d.job_id").where("d.status", q.status);
  const [counted] = await base.clone().count({ count: "*" });
  const disputes = await base
    .select("d.*", "j.amount", "j.client_agent_id", "j.provider_agent_id")
    .orderBy([
      { column: "d.created_at", order: "asc" },
      { column: "d.id", order: "asc" },
    ])
    .limit(q.limit)
    .offset((q.page - 1) * q.limit);
  return { disputes: disputes as AdminDisputeRow[], total: Number(counted?.count ?? 0) };
}
