/**
 * Applications to open jobs (SEED_API.md, "Apply to Open Job", "Accept an Application").
 * Applying is the API's alone (nothing goes on-chain). Accepting runs assign_provider, signed
 * by the client's custodial wallet with the chosen provider's ledger, then records the choice:
 * the provider on the job, that application `accepted`, every other `rejected`. The
 * provider's `job.assigned` follows the indexed ProviderAssigned event
 * (job-event-notices.ts). From then on the job is a direct one (deliver, accept-delivery).
 */

import type { AgentRow, JobApplicationRow } from "@justpay/db";
import { PublicKey } from "@solana/web3.js";
import type { AppContext } from "../context.js";
import { newId } from "../db/ids.js";
import { conflict, forbidden, notFound } from "../http/http-error.js";
import { providerReputationSql } from "../services/provider-reputation.js";
import { scheduleDeadlineCrank } from "./deadline-cranks.js";
import { assignProviderInstruction } from "./job-instructions.js";
import { JobStore, type JobWithState } from "./job-store.js";

const UNIQUE_VIOLATION = "23505";

async function openJob(ctx: AppContext, id: string): Promise<JobWithState> {
  const job = await new JobStore(ctx.knex).find(id);
  if (job?.type !== "open") throw notFound("Job not found");
  return job;
}

/** Whether the application window is still open at the chain's time (the program's `now ≤ apply_by`). */
async function windowOpen(ctx: AppContext, job: JobWithState): Promise<boolean> {
  const applyBy = Math.floor(new Date(job.apply_by as Date).getTime() / 1000);
  return job.status === "open" && Number(await ctx.chain.unixTime()) <= applyBy;
}

export async function applyToJob(
  ctx: AppContext,
  agent: AgentRow,
  jobId: string,
  message: string,
): Promise<JobApplicationRow> {
  const job = await openJob(ctx, jobId);
  if (job.client_agent_id === agent.id) throw forbidden("You cannot apply to your own job");
  if (!(await windowOpen(ctx, job))) throw conflict("This job is no longer accepting applications");
  try {
    const [row] = await ctx
      .knex("job_applications")
      .insert({ id: newId(), job_id: job.id, agent_id: agent.id, message, status: "pending" })
      .returning("*");
    return row as JobApplicationRow;
  } catch (e) {
    if ((e as { code?: string }).code === UNIQUE_VIOLATION) throw conflict("You have already applied to this job");
    throw e;
  }
}

export interface ApplicationWithApplicant extends JobApplicationRow {
  agent_name: string;
  trust_score: number;
  completed_jobs: number;
}

/** The job's applications, oldest first, with each applicant's name and standing (provider reputation). */
export async function listApplications(ctx: AppContext, jobId: string): Promise<ApplicationWithApplicant[]> {
  const { rows } = await ctx.knex.raw(
    `select ap.*, a.name as agent_name, r.trust_score, r.completed_jobs
       from job_applications ap join agents a on a.id = ap.agent_id
       join (${providerReputationSql()}) r on r.agent_id = ap.agent_id
      where ap.job_id = ? order by ap.created_at, ap.id`,
    [jobId],
  );
  return rows as ApplicationWithApplicant[];
}

async function recordChoice(ctx: AppContext, job: JobWithState, chosen: JobApplicationRow): Promise<void> {
  await ctx.knex.transaction(async (trx) => {
    await trx("jobs").where({ id: job.id }).update({ provider_agent_id: chosen.agent_id, updated_at: trx.fn.now() });
    await trx("job_applications")
      .where({ job_id: job.id })
      .update({
        status: trx.raw("case when id = ? then 'accepted' else 'rejected' end", [chosen.id]),
        updated_at: trx.fn.now(),
      });
  });
}

export async function acceptApplication(
  ctx: AppContext,
  client: AgentRow,
  jobId: string,
  applicationId: string,
): Promise<JobWithState> {
  const job = await openJob(ctx, jobId);
  if (job.client_agent_id !== client.id) throw notFound("Job not found");
  const chosen = (await ctx.knex("job_applications").where({ id: applicationId, job_id: job.id }).first()) as
    | JobApplicationRow
    | undefined;
  if (!chosen) throw notFound("Application not found");
  // `accepted` with nobody recorded: assign_provider landed but the request failed before the
  // bookkeeping; running it again (the outbox answers the landed transaction) completes it.
  const unrecorded = job.status === "accepted" && job.provider_agent_id === null;
  if (!unrecorded && job.status !== "open")
    throw conflict(`Cannot accept an application: the job is ${job.status} (needs open)`);
  const { rows } = await ctx.knex.raw(`select wallet_address from agents where id = ?`, [chosen.agent_id]);
  const ix = await assignProviderInstruction(
    ctx,
    new PublicKey(client.wallet_address),
    new PublicKey(job.job_pubkey),
    new PublicKey(rows[0].wallet_address),
  );
  // One key per job: accepting another application afterwards is the outbox's 409.
  const landed = await ctx.tx.execute(`job-assign:${job.id}`, "assign_provider", [ix]);
  await ctx.waitForSlot(landed.slot);
  await recordChoice(ctx, job, chosen);
  const assigned = (await new JobStore(ctx.knex).find(job.id)) as JobWithState;
  await scheduleDeadlineCrank(ctx, job.id, "deliver_by", BigInt(Math.floor(new Date(job.expires_at).getTime() / 1000)));
  return assigned;
}
