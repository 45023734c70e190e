/**
 * `POST /jobs/:id/dispute`: a party of a delivered job disputes it inside the review window
 * (SEED_API.md, "Dispute a Delivered Job"). The API decides its policy first, each refusal a
 * 4xx with a reason: strangers get 404, a restricted agent 403, a job that is not delivered or
 * whose review window ended 409, a claimant who cannot pay the fee 400. Then open_dispute runs
 * on-chain: the claimant's custodial wallet signs, the operator co-signs, the program charges
 * the fee from the claimant's ledger and freezes the job. Its `reason_hash` is the sha256 of
 * the canonical JSON of `{reason, description}`, so the stored text can be proved against it.
 *
 * The outbox key is one per job and claimant: a retry (an Idempotency-Key replay after a
 * crash) executes once and then finds or writes the one `disputes` row; the other party
 * filing at the same time is refused by the program (the job is no longer Delivered).
 * The job.disputed webhook is sent from the indexed DisputeOpened event, not from here.
 */
import { createHash } from "node:crypto";
import type { AgentRow, DisputeReason } from "@justpay/db";
import { PublicKey } from "@solana/web3.js";
import { readWalletState } from "../agents/wallet-state.js";
import type { AppContext } from "../context.js";
import { badRequest, conflict } from "../http/http-error.js";
import { canonicalJson } from "../http/idempotency.js";
import { clientReputation, requireUnrestricted } from "../jobs/client-reputation.js";
import { partyJob } from "../jobs/job-lifecycle.js";
import { JobStore, type JobWithState } from "../jobs/job-store.js";
import { pendingWithdrawals } from "../wallet/pending.js";
import { disputeFee } from "./dispute-fee.js";
import { openDisputeInstruction } from "./dispute-instructions.js";
import { recordDispute } from "./dispute-store.js";

export interface DisputeRequest {
  reason: DisputeReason;
  description?: string;
}

export function reasonHash(r: DisputeRequest): Buffer {
  return createHash("sha256")
    .update(canonicalJson({ reason: r.reason, description: r.description ?? null }))
    .digest();
}

/** 409 unless the job can be disputed now; a job already Disputed by this very filing (a retry) passes. */
async function requireDisputable(ctx: AppContext, job: JobWithState): Promise<void> {
  if (job.dispute) throw conflict("This job is already disputed");
  if (job.status === "disputed") return;
  if (job.status !== "delivered") throw conflict(`Cannot dispute: the job is ${job.status} (needs delivered)`);
  const now = await ctx.chain.unixTime();
  if (job.review_by && now > BigInt(job.review_by))
    throw conflict("Cannot dispute: the review window has ended, so the delivery counts as accepted");
}

async function requireFeeFunds(ctx: AppContext, agent: AgentRow, fee: bigint): Promise<void> {
  const [wallet, pending] = await Promise.all([
    readWalletState(ctx.knex, agent.wallet_address),
    pendingWithdrawals(ctx, agent.id),
  ]);
  const spendable = wallet.available - pending;
  if (spendable < fee)
    throw badRequest(
      `Insufficient balance for the dispute fee: it is ${fee} micro-USDC and you have ${spendable < 0n ? 0n : spendable} available`,
    );
}

/** The fee DisputeOpened reports for this job, as the program charged it. */
async function chargedFee(ctx: AppContext, job: JobWithState): Promise<string> {
  const { rows } = await ctx.knex.raw(
    `select data->>'fee' as fee from events where name = 'DisputeOpened' and mentions @> ?::text[] order by slot desc limit 1`,
    [[job.job_pubkey]],
  );
  return rows[0].fee as string;
}

export async function fileDispute(
  ctx: AppContext,
  agent: AgentRow,
  jobId: string,
  request: DisputeRequest,
): Promise<JobWithState> {
  const job = await partyJob(ctx, agent, jobId);
  requireUnrestricted(await clientReputation(ctx, agent.id), "filing disputes");
  await requireDisputable(ctx, job);
  const party = job.client_agent_id === agent.id ? "client" : "provider";
  if (job.status === "delivered") await requireFeeFunds(ctx, agent, await disputeFee(ctx.knex, BigInt(job.amount)));

  const ix = await openDisputeInstruction(
    ctx,
    new PublicKey(agent.wallet_address),
    new PublicKey(job.job_pubkey),
    reasonHash(request),
  );
  const landed = await ctx.tx.execute(`job-dispute:${job.id}:${agent.id}`, "open_dispute", [ix]);
  await ctx.waitForSlot(landed.slot);

  await recordDispute(ctx.knex, {
    job_id: job.id,
    claimant_agent_id: agent.id,
    // A delivered job always has a provider (an open job's is set when one is chosen).
    respondent_agent_id: (party === "client" ? job.provider_agent_id : job.client_agent_id) as string,
    party,
    reason: request.reason,
    description: request.description ?? null,
    fee: await chargedFee(ctx, job),
  });
  return (await new JobStore(ctx.knex).find(job.id)) as JobWithState;
}
