/**
 * `POST /reports`: the report and the target's recomputed trust score in one transaction, so
 * no reader sees a pending report the score does not count yet.
 */

import type { ReportReason, ReportRow, ReportTargetType } from "@justpay/db";
import type { Knex } from "@mikro-orm/postgresql";
import { newId } from "../db/ids.js";
import { badRequest, conflict } from "../http/http-error.js";
import { recomputeReputation } from "../trust/agent-reputation.js";
import { reportedAgent } from "./report-target.js";

const UNIQUE_VIOLATION = "23505";

export interface NewReport {
  targetType: ReportTargetType;
  targetId: string;
  reason: ReportReason;
  description?: string;
}

/** `nowUnix`: the chain's clock, from which the report's expiry runs. */
export async function fileReport(
  knex: Knex,
  reporterId: string,
  input: NewReport,
  nowUnix: bigint,
): Promise<ReportRow> {
  const targetAgentId = await reportedAgent(knex, reporterId, input.targetType, input.targetId);
  if (targetAgentId === reporterId) throw badRequest("You cannot report yourself or your own services");
  try {
    return await knex.transaction(async (trx) => {
      const [row] = await trx("reports")
        .insert({
          id: newId(),
          reporter_agent_id: reporterId,
          target_type: input.targetType,
          target_id: input.targetId,
          target_agent_id: targetAgentId,
          reason: input.reason,
          description: input.description ?? null,
          filed_at_unix: nowUnix.toString(),
        })
        .returning("*");
      await recomputeReputation(trx, targetAgentId);
      return row as ReportRow;
    });
  } catch (e) {
    if ((e as { code?: string }).code === UNIQUE_VIOLATION)
      throw conflict("You already reported this; an admin will review your pending report");
    throw e;
  }
}
