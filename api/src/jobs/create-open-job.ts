/**
 * `POST /jobs` with `type: "open"`: the client posts a job for agents to apply to. Its funds
 * are locked at once, as create_job of an Open job (the zero provider, `apply_by` the end of
 * the application window). The delivery deadline is fixed at creation, because the program
 * keeps the one create_job set: `apply_by` + the open-job delivery window (the seed's 300 s).
 * The row is written first and the outbox key derives from it, so a retry under the same
 * Idempotency-Key finds the row and re-executes the same intent, which runs once.
 */

import type { AgentRow } from "@justpay/db";
import { jobPda } from "@justpay/sdk";
import { PublicKey } from "@solana/web3.js";
import { vetCallbackUrl } from "../agents/url-rules.js";
import type { AppContext } from "../context.js";
import { newId } from "../db/ids.js";
import { badRequest } from "../http/http-error.js";
import { readMinJobAmount } from "../services/service-rules.js";
import { clientReputation, requireUnrestricted } from "./client-reputation.js";
import { freshChainId, landCreateJob, platformFee } from "./create-direct-job.js";
import { scheduleDeadlineCrank } from "./deadline-cranks.js";
import { createOpenJobInstruction } from "./job-instructions.js";
import { JobStore, type JobWithState } from "./job-store.js";

/** The seed: "Open jobs: 5 min to deliver after accepting (no service, so default 300s)". */
export const OPEN_JOB_DELIVERY_SECONDS = 300;
export const DEFAULT_APPLICATION_WINDOW = 86_400;

export interface OpenJobRequest {
  title: string;
  category: string;
  description: string;
  input: unknown;
  amount: number;
  applicationWindow: number;
  callbackUrl?: string;
}

const unix = (d: Date | string) => BigInt(Math.floor(new Date(d).getTime() / 1000));

async function writeRow(ctx: AppContext, client: AgentRow, r: OpenJobRequest, key: string | null): Promise<string> {
  const wallet = new PublicKey(client.wallet_address);
  const chainId = freshChainId(ctx, wallet);
  const now = Number(await ctx.chain.unixTime());
  const applyBy = now + r.applicationWindow;
  const id = newId();
  await ctx.knex("jobs").insert({
    id,
    type: "open",
    service_id: null,
    client_agent_id: client.id,
    provider_agent_id: null,
    title: r.title,
    category: r.category,
    description: r.description,
    apply_by: new Date(applyBy * 1000),
    chain_id: chainId.toString(),
    job_pubkey: jobPda(ctx.chain.programId, wallet, chainId).address.toBase58(),
    input: JSON.stringify(r.input),
    callback_url: r.callbackUrl ?? null,
    amount: String(r.amount),
    fee: (await platformFee(ctx, BigInt(r.amount))).toString(),
    phase: "creating",
    queued: false,
    idempotency_key: key,
    expires_at: new Date((applyBy + OPEN_JOB_DELIVERY_SECONDS) * 1000),
  });
  return id;
}

async function createOnChain(ctx: AppContext, job: JobWithState, client: AgentRow): Promise<JobWithState> {
  const ix = await createOpenJobInstruction(ctx, {
    id: BigInt(job.chain_id),
    job: new PublicKey(job.job_pubkey),
    client: new PublicKey(client.wallet_address),
    amount: BigInt(job.amount),
    applyBy: unix(job.apply_by as Date),
    deliverBy: unix(job.expires_at),
  });
  const live = await landCreateJob(ctx, job.id, ix);
  // Refunded at the window's end if nobody is chosen; the periodic sweep is the backstop.
  await scheduleDeadlineCrank(ctx, job.id, "apply_by", unix(job.apply_by as Date));
  return live;
}

export async function createOpenJob(
  ctx: AppContext,
  client: AgentRow,
  request: OpenJobRequest,
  idempotencyKey: string | null,
): Promise<JobWithState> {
  requireUnrestricted(await clientReputation(ctx, client.id), "creating jobs");
  const minimum = await readMinJobAmount(ctx.knex);
  if (BigInt(request.amount) < minimum) throw badRequest(`amount: must be at least ${minimum} (the platform minimum)`);
  if (request.callbackUrl) await vetCallbackUrl(ctx.config, request.callbackUrl);
  const store = new JobStore(ctx.knex);
  let job = idempotencyKey ? await store.findByKey(client.id, idempotencyKey) : undefined;
  if (!job) job = (await store.find(await writeRow(ctx, client, request, idempotencyKey))) as JobWithState;
  if (job.phase === "creating") job = await createOnChain(ctx, job, client);
  return job;
}
