/**
 * `POST /jobs` with `type: "direct"`: the checks the API decides (the service, the input, the
 * callback URL, the client restriction and trust gate, capacity), then create_job on-chain through the outbox. The
 * row is written first, under a lock on the service row so capacity is counted one request at
 * a time, and the outbox key derives from it: a retry under the same Idempotency-Key finds the
 * row and re-executes the same intent, which runs once.
 */
import { randomBytes } from "node:crypto";
import type { AgentRow, JobRow } from "@justpay/db";
import { jobPda, usableJobId } from "@justpay/sdk";
import { PublicKey, type TransactionInstruction } from "@solana/web3.js";
import { vetCallbackUrl } from "../agents/url-rules.js";
import type { AppContext } from "../context.js";
import { newId } from "../db/ids.js";
import { badRequest, conflict, forbidden, notFound } from "../http/http-error.js";
import { ServiceStore } from "../services/service-store.js";
import type { ServiceWithProvider } from "../services/service-view.js";
import { TxProgramError } from "../tx/errors.js";
import { clientReputation, requireUnrestricted } from "./client-reputation.js";
import { scheduleDeadlineCrank } from "./deadline-cranks.js";
import { requireMatches } from "./job-input.js";
import { createDirectJobInstruction } from "./job-instructions.js";
import { promoteQueued } from "./job-queue.js";
import { JobStore, type JobWithState } from "./job-store.js";
import { partyWallets } from "./party-wallets.js";

/** The program's horizon for deliver_by, less a minute for the time the transaction takes to land. */
const MAX_JOB_SECONDS = 30 * 24 * 3600 - 60;

export interface DirectJobRequest {
  serviceId: string;
  input: unknown;
  callbackUrl?: string;
}

async function hireableService(ctx: AppContext, client: AgentRow, serviceId: string): Promise<ServiceWithProvider> {
  const service = await new ServiceStore(ctx.knex).find(serviceId);
  if (!service) throw notFound("Service not found");
  if (!service.is_active) throw badRequest("serviceId: this service is deactivated");
  if (service.agent_id === client.id) throw badRequest("serviceId: you cannot hire your own service");
  const reputation = await clientReputation(ctx, client.id, { freshScore: service.min_client_trust_score > 0 });
  requireUnrestricted(reputation, "creating jobs");
  const { trustScore } = reputation;
  if (trustScore < service.min_client_trust_score)
    throw forbidden(
      `Your trust score ${trustScore.toFixed(2)} is below this service's minimum client trust score of ${service.min_client_trust_score}`,
    );
  return service;
}

/** A random u64 start (53 bits, so it stays exact everywhere) moved to the next id with a bump-255 address. */
export function freshChainId(ctx: AppContext, client: PublicKey): bigint {
  const start = BigInt(`0x${randomBytes(7).toString("hex")}`) & ((1n << 53n) - 1n);
  return usableJobId(ctx.chain.programId, client, start);
}

/**
 * The config's fee changes only by an admin instruction, rarely: it is read from the mirror at
 * most every FEE_TTL_MS per database (keyed by the knex instance, so test schemas stay apart).
 */
const FEE_TTL_MS = 5_000;
const feeBpsCache = new WeakMap<object, { bps: bigint; until: number }>();

async function feeBps(ctx: AppContext): Promise<bigint> {
  const cached = feeBpsCache.get(ctx.knex);
  if (cached && cached.until > Date.now()) return cached.bps;
  const { rows } = await ctx.knex.raw(`select fee_bps from chain_config where closed_at is null limit 1`);
  const bps = BigInt(rows[0]?.fee_bps ?? 300);
  feeBpsCache.set(ctx.knex, { bps, until: Date.now() + FEE_TTL_MS });
  return bps;
}

export async function platformFee(ctx: AppContext, amount: bigint): Promise<bigint> {
  return (amount * (await feeBps(ctx))) / 10_000n;
}

/**
 * Writes the job row if the service has room, in one round trip (`justpay_admit_job`, see its
 * migrations): a free slot (of maxConcurrentJobs) takes it; otherwise, with queueEnabled and
 * fewer than maxQueueSize waiting, it queues; else 409. A queued job's deadline leaves it the
 * rounds of work ahead of it, within the program's 30 days. A retry whose Idempotency-Key
 * already names a job of this client writes nothing and answers that job's id instead.
 */
async function admit(
  ctx: AppContext,
  service: ServiceWithProvider,
  row: JobRow,
  now: bigint,
): Promise<{ admitted: JobRow } | { existingId: string }> {
  const { rows } = await ctx.knex.raw(`select * from justpay_admit_job(?, ?::jsonb, ?, ?)`, [
    service.id,
    JSON.stringify(row),
    now.toString(),
    MAX_JOB_SECONDS,
  ]);
  const admitted = rows[0] as {
    queued: boolean;
    expires_at: Date;
    refusal: "no_queue" | "queue_full" | null;
    existing_id: string | null;
  };
  if (admitted.existing_id) return { existingId: admitted.existing_id };
  if (admitted.refusal === "no_queue")
    throw conflict(`This service is at capacity (${service.max_concurrent_jobs} concurrent jobs) and does not queue`);
  if (admitted.refusal === "queue_full")
    throw conflict(`This service is at capacity and its queue is full (${service.max_queue_size} jobs waiting)`);
  return { admitted: { ...row, queued: admitted.queued, expires_at: admitted.expires_at } };
}

async function newJobRow(
  ctx: AppContext,
  client: AgentRow,
  service: ServiceWithProvider,
  request: DirectJobRequest,
  idempotencyKey: string | null,
): Promise<JobRow> {
  const wallet = new PublicKey(client.wallet_address);
  const chainId = freshChainId(ctx, wallet);
  const amount = BigInt(service.price_per_job);
  return {
    id: newId(),
    type: "direct",
    service_id: service.id,
    client_agent_id: client.id,
    provider_agent_id: service.agent_id,
    title: null,
    category: null,
    description: null,
    apply_by: null,
    chain_id: chainId.toString(),
    job_pubkey: jobPda(ctx.chain.programId, wallet, chainId).address.toBase58(),
    input: request.input,
    output: null,
    output_hash: null,
    callback_url: request.callbackUrl ?? null,
    amount: amount.toString(),
    fee: (await platformFee(ctx, amount)).toString(),
    phase: "creating",
    queued: false,
    outcome: null,
    error: null,
    idempotency_key: idempotencyKey,
    expires_at: new Date(0), // set by admit
    delivered_at: null,
    created_at: new Date(),
    updated_at: new Date(),
  };
}

/**
 * Sends a written row's create_job under `job-create:<id>` and records the phase: `live` once it
 * landed, `failed` when the program refused it (nothing locked). Shared by both kinds of job.
 */
export async function landCreateJob(ctx: AppContext, jobId: string, ix: TransactionInstruction): Promise<JobWithState> {
  const store = new JobStore(ctx.knex);
  try {
    const landed = await ctx.tx.execute(`job-create:${jobId}`, "create_job", [ix]);
    await ctx.waitForSlot(landed.slot);
  } catch (e) {
    if (e instanceof TxProgramError) await store.update(jobId, { phase: "failed", error: e.message });
    throw e;
  }
  return store.updateAndFind(jobId, { phase: "live" });
}

/**
 * Runs create_job for a written row (again, on a retry: the outbox executes it once). A queued
 * job becomes promotable only once live, so a slot freed while it was being created is filled
 * now rather than at the next delivery.
 */
async function createOnChain(ctx: AppContext, job: JobRow, autoAccept: boolean): Promise<JobWithState> {
  const wallets = await partyWallets(ctx, job);
  const ix = await createDirectJobInstruction(ctx, {
    id: BigInt(job.chain_id),
    job: new PublicKey(job.job_pubkey),
    client: wallets.client,
    provider: wallets.provider,
    amount: BigInt(job.amount),
    deliverBy: BigInt(Math.floor(new Date(job.expires_at).getTime() / 1000)),
    // A queued job waits Funded: promotion accepts it (autoAccept) or leaves that to the provider.
    requiresAcceptance: job.queued || !autoAccept,
  });
  const live = await landCreateJob(ctx, job.id, ix);
  await scheduleDeadlineCrank(ctx, job.id, "deliver_by", BigInt(Math.floor(new Date(job.expires_at).getTime() / 1000)));
  // Promotion may accept the job on-chain: then it is read again.
  if (job.queued && (await promoteQueued(ctx, job.service_id)) > 0) return (await new JobStore(ctx.knex).find(job.id))!;
  return live;
}

export async function createDirectJob(
  ctx: AppContext,
  client: AgentRow,
  request: DirectJobRequest,
  idempotencyKey: string | null,
): Promise<JobWithState> {
  const service = await hireableService(ctx, client, request.serviceId);
  requireMatches("input", request.input, service.input_schema, "inputSchema");
  if (request.callbackUrl) await vetCallbackUrl(ctx.config, request.callbackUrl);
  const outcome = await admit(
    ctx,
    service,
    await newJobRow(ctx, client, service, request, idempotencyKey),
    await ctx.chain.unixTime(),
  );
  let row: JobRow;
  if ("existingId" in outcome) {
    // A retry: the job its key wrote first, finished on-chain if that request died before.
    const known = (await new JobStore(ctx.knex).find(outcome.existingId)) as JobWithState;
    if (known.phase !== "creating") return known;
    row = known;
  } else row = outcome.admitted;
  return createOnChain(ctx, row, service.auto_accept);
}
