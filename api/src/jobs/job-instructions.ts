/**
 * The escrow program's job instructions as the API sends them, built by the sdk's program
 * client (@justpay/sdk, instructions/jobs.ts). The platform's fee payer pays rent and fees
 * (agents hold only USDC), so it is every job's `rent_payer`, and it is also the "anyone" that
 * cranks a release or a refund once a deadline passed; the operator co-signs every job.
 */

import {
  acceptJobInstruction as buildAcceptJob,
  assignProviderInstruction as buildAssignProvider,
  buildContext,
  createJobInstruction as buildCreateJob,
  markDeliveredInstruction as buildMarkDelivered,
  refundInstruction as buildRefund,
  releaseInstruction as buildRelease,
  jobPda,
} from "@justpay/sdk";
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import type { AppContext } from "../context.js";

const program = (ctx: AppContext) => buildContext(ctx.chain.programId);
const feePayer = (ctx: AppContext) => ctx.platform.feePayer.publicKey;

/** The row's job address must be the one create_job creates, or the job would be lost track of. */
function requireJobAddress(ctx: AppContext, t: { id: bigint; client: PublicKey; job: PublicKey }) {
  if (!jobPda(ctx.chain.programId, t.client, t.id).address.equals(t.job))
    throw new Error(`job ${t.job.toBase58()} is not the address of job id ${t.id} of ${t.client.toBase58()}`);
}

export interface DirectJobTerms {
  id: bigint;
  job: PublicKey;
  client: PublicKey;
  provider: PublicKey;
  amount: bigint;
  deliverBy: bigint;
  requiresAcceptance: boolean;
}

export function createDirectJobInstruction(ctx: AppContext, t: DirectJobTerms): TransactionInstruction {
  requireJobAddress(ctx, t);
  return buildCreateJob({ ...t, payer: feePayer(ctx), operator: ctx.platform.operator.publicKey }, program(ctx));
}

export interface OpenJobTerms {
  id: bigint;
  job: PublicKey;
  client: PublicKey;
  amount: bigint;
  applyBy: bigint;
  deliverBy: bigint;
}

/** create_job for an open job: no provider; it stays Open until assign_provider. */
export function createOpenJobInstruction(ctx: AppContext, t: OpenJobTerms): TransactionInstruction {
  requireJobAddress(ctx, t);
  return buildCreateJob(
    { ...t, provider: null, payer: feePayer(ctx), operator: ctx.platform.operator.publicKey },
    program(ctx),
  );
}

export function acceptJobInstruction(ctx: AppContext, provider: PublicKey, job: PublicKey): TransactionInstruction {
  return buildAcceptJob({ provider, job }, program(ctx));
}

export function markDeliveredInstruction(
  ctx: AppContext,
  provider: PublicKey,
  job: PublicKey,
  outputHash: Buffer,
): TransactionInstruction {
  return buildMarkDelivered({ provider, job, outputHash }, program(ctx));
}

/** `release` by `authority`: the client, or anyone (the fee payer) once review_by passed. */
export function releaseInstruction(ctx: AppContext, authority: PublicKey, job: PublicKey, provider: PublicKey) {
  return buildRelease({ authority, job, provider, rentPayer: feePayer(ctx) }, program(ctx));
}

/** `refund` by `authority`: the client before delivery, or anyone once deliver_by passed. */
export function refundInstruction(ctx: AppContext, authority: PublicKey, job: PublicKey, client: PublicKey) {
  return buildRefund({ authority, job, client, rentPayer: feePayer(ctx) }, program(ctx));
}

/** assign_provider by the client, with the chosen provider's ledger (release will credit it). */
export function assignProviderInstruction(ctx: AppContext, client: PublicKey, job: PublicKey, provider: PublicKey) {
  return buildAssignProvider({ client, job, provider }, program(ctx));
}
