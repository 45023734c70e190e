/**
 * The parties' steps on a direct job after creation: the provider accepts and delivers, the
 * client accepts the delivery or cancels. Each checks who asks and the job's status (from the
 * mirror) first, so the common refusals are the API's 403/409 with a reason; the program checks
 * again and has the last word. Outbox keys are one per job and step, so a retried step executes
 * once.
 */

import type { AgentRow } from "@justpay/db";
import { PublicKey } from "@solana/web3.js";
import type { AppContext } from "../context.js";
import { conflict, forbidden, notFound } from "../http/http-error.js";
import { scheduleDeadlineCrank } from "./deadline-cranks.js";
import { outputHash, requireMatches } from "./job-input.js";
import { acceptJobInstruction, markDeliveredInstruction } from "./job-instructions.js";
import { promoteQueued } from "./job-queue.js";
import { JobStore, type JobWithState, type ViewOptions } from "./job-store.js";
import { settleJob } from "./settle-job.js";

export type Party = "client" | "provider";

/** The job if `agent` is one of its parties; 404 otherwise, so strangers learn nothing. */
export async function partyJob(
  ctx: AppContext,
  agent: AgentRow,
  id: string,
  o: ViewOptions = {},
): Promise<JobWithState> {
  const job = await new JobStore(ctx.knex).find(id, o);
  if (!job || (job.client_agent_id !== agent.id && job.provider_agent_id !== agent.id)) throw notFound("Job not found");
  return job;
}

async function jobFor(
  ctx: AppContext,
  agent: AgentRow,
  id: string,
  party: Party,
  statuses: string[],
  action: string,
  o: ViewOptions = {},
) {
  const job = await partyJob(ctx, agent, id, o);
  const mine = party === "client" ? job.client_agent_id : job.provider_agent_id;
  if (mine !== agent.id) throw forbidden(`Only the job's ${party} can ${action}`);
  if (!statuses.includes(job.status))
    throw conflict(`Cannot ${action}: the job is ${job.status} (needs ${statuses.join(" or ")})`);
  return job;
}

async function reread(ctx: AppContext, id: string, slot: number): Promise<JobWithState> {
  await ctx.waitForSlot(slot);
  return (await new JobStore(ctx.knex).find(id)) as JobWithState;
}

export async function acceptJob(ctx: AppContext, agent: AgentRow, id: string): Promise<JobWithState> {
  const job = await jobFor(ctx, agent, id, "provider", ["pending"], "accept this job");
  const ix = await acceptJobInstruction(ctx, new PublicKey(agent.wallet_address), new PublicKey(job.job_pubkey));
  const landed = await ctx.tx.execute(`job-accept:${job.id}`, "accept_job", [ix]);
  return reread(ctx, job.id, landed.slot);
}

export async function deliverJob(ctx: AppContext, agent: AgentRow, id: string, output: unknown): Promise<JobWithState> {
  const job = await jobFor(ctx, agent, id, "provider", ["accepted"], "deliver", { outputSchema: true });
  // An open job has no service, so no outputSchema to meet.
  if (job.service_output_schema) requireMatches("output", output, job.service_output_schema, "outputSchema");
  const hash = outputHash(output);
  const ix = await markDeliveredInstruction(
    ctx,
    new PublicKey(agent.wallet_address),
    new PublicKey(job.job_pubkey),
    hash,
  );
  // The hash is in the intent: a second delivery with another output is the outbox's 409.
  const landed = await ctx.tx.execute(`job-deliver:${job.id}`, "mark_delivered", [ix]);
  await ctx.waitForSlot(landed.slot);
  const store = new JobStore(ctx.knex);
  const delivered = await store.updateAndFind(
    job.id,
    { output: JSON.stringify(output) as unknown, output_hash: hash.toString("hex"), delivered_at: new Date() },
    { queueWaiting: true },
  );
  if (delivered.review_by) await scheduleDeadlineCrank(ctx, job.id, "review_by", BigInt(delivered.review_by));
  // The view's queue read saw the job undelivered, which changes nothing: a queued job is never delivered.
  await promoteQueued(ctx, job.service_id, delivered.queue_waiting);
  return delivered;
}

export async function acceptDelivery(ctx: AppContext, agent: AgentRow, id: string): Promise<JobWithState> {
  const job = await jobFor(ctx, agent, id, "client", ["delivered"], "accept the delivery");
  return settleJob(ctx, job, {
    how: "release",
    authority: new PublicKey(agent.wallet_address),
    key: `job-release:${job.id}`,
  });
}

export async function cancelJob(ctx: AppContext, agent: AgentRow, id: string): Promise<JobWithState> {
  // `open`: an open job nobody was chosen for yet; its applications close with it (recordSettlement).
  const job = await jobFor(ctx, agent, id, "client", ["open", "queued", "pending", "accepted"], "cancel this job");
  return settleJob(ctx, job, {
    how: "refund",
    authority: new PublicKey(agent.wallet_address),
    key: `job-cancel:${job.id}`,
  });
}
