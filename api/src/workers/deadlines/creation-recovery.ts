/**
 * Jobs and campaigns whose creating request died half-way (the process crashed, the client
 * hung up and nobody retried with its Idempotency-Key) stay in phase `creating`: the job
 * holds a capacity slot of its service, the campaign shows as being created, forever. This
 * sweep finishes them from their create intent in the outbox, which the outbox recovery has
 * settled meanwhile (it signs or voids every intent within 5 minutes):
 * - confirmed: the funds are locked on-chain, so the row goes `live` (a queued job may now be
 *   promoted; its deadlines are cranked by the other sweeps);
 * - failed, voided, or never written: nothing is locked, so the row goes `failed`.
 * It sends nothing itself: an intent still pending or signed is left to the outbox recovery,
 * and a request that never wrote its intent is not sent on the client's behalf after the fact.
 */
import type { IntentStatus } from "@justpay/db";
import type { AppContext } from "../../context.js";
import { promoteQueued } from "../../jobs/job-queue.js";
import type { DeadlineSweep } from "./registry.js";

/** Longer than the outbox recovery takes to void an unsigned intent (5 min), so never racing a live request. */
export const STALE_CREATION_MS = 6 * 60_000;

interface StaleCreation {
  table: "jobs" | "campaigns";
  id: string;
  intentKey: string;
  intentStatus: IntentStatus | null;
  intentError: string | null;
  serviceId: string | null;
  queued: boolean;
}

async function staleCreations(ctx: AppContext): Promise<StaleCreation[]> {
  const { rows } = await ctx.knex.raw(
    `select s.*, i.status as intent_status, i.error as intent_error
     from (select 'jobs' as tbl, id, 'job-create:' || id as intent_key, service_id, queued
             from jobs where phase = 'creating' and created_at < now() - (? * interval '1 millisecond')
           union all
           select 'campaigns', id, 'campaign-create:' || id, null, false
             from campaigns where phase = 'creating' and created_at < now() - (? * interval '1 millisecond')) s
     left join tx_intents i on i.key = s.intent_key`,
    [STALE_CREATION_MS, STALE_CREATION_MS],
  );
  return rows.map((r: Record<string, unknown>) => ({
    table: r.tbl,
    id: r.id,
    intentKey: r.intent_key,
    intentStatus: r.intent_status ?? null,
    intentError: r.intent_error ?? null,
    serviceId: r.service_id ?? null,
    queued: r.queued === true,
  }));
}

/** Moves the row on from `creating` only; a concurrent retry that already did so wins. */
async function setPhase(ctx: AppContext, row: StaleCreation, phase: "live" | "failed", error: string | null) {
  const changed = await ctx
    .knex(row.table)
    .where({ id: row.id, phase: "creating" })
    .update({ phase, error, updated_at: ctx.knex.fn.now() });
  return changed > 0;
}

export const creationRecovery: DeadlineSweep = {
  name: "creation-recovery",
  async runDue(ctx: AppContext) {
    let finished = 0;
    for (const row of await staleCreations(ctx)) {
      if (row.intentStatus === "pending" || row.intentStatus === "signed") continue;
      if (row.intentStatus === "confirmed") {
        if (!(await setPhase(ctx, row, "live", null))) continue;
        if (row.table === "jobs" && row.queued) await promoteQueued(ctx, row.serviceId);
      } else {
        const why =
          row.intentStatus === null
            ? "the request ended before its transaction was written; nothing was locked"
            : `the create transaction ${row.intentStatus}: ${row.intentError ?? "no detail"}; nothing was locked`;
        if (!(await setPhase(ctx, row, "failed", why))) continue;
      }
      finished += 1;
    }
    return finished;
  },
};
