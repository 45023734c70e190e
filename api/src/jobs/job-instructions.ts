/**
 * The escrow program's job instructions as the API sends them. The platform's fee payer pays
 * rent and fees (agents hold only USDC), so it is every job's `rent_payer`, and it is also the
 * "anyone" that cranks a release or a refund once a deadline passed.
 */
import { type PublicKey, SystemProgram, type TransactionInstruction } from "@solana/web3.js";
import BN from "bn.js";
import { agentPda, escrowProgram, JOB_BUMP } from "../../../sdk/src/program/index.js";
import type { AppContext } from "../context.js";

const program = (ctx: AppContext) => escrowProgram(ctx.chain.programId);
const ledgerOf = (ctx: AppContext, wallet: PublicKey) => agentPda(ctx.chain.programId, wallet).address;

export interface DirectJobTerms {
  id: bigint;
  job: PublicKey;
  client: PublicKey;
  provider: PublicKey;
  amount: bigint;
  deliverBy: bigint;
  requiresAcceptance: boolean;
}

export function createDirectJobInstruction(ctx: AppContext, t: DirectJobTerms): Promise<TransactionInstruction> {
  return program(ctx)
    .methods.createJob(
      new BN(t.id.toString()),
      t.provider,
      new BN(t.amount.toString()),
      new BN(0),
      new BN(t.deliverBy.toString()),
      t.requiresAcceptance,
      JOB_BUMP,
    )
    .accountsPartial({
      payer: ctx.platform.feePayer.publicKey,
      client: t.client,
      operator: ctx.platform.operator.publicKey,
      clientAgent: ledgerOf(ctx, t.client),
      config: ctx.platform.config,
      job: t.job,
      systemProgram: SystemProgram.programId,
      providerAgent: ledgerOf(ctx, t.provider),
    })
    .instruction();
}

export function acceptJobInstruction(ctx: AppContext, provider: PublicKey, job: PublicKey) {
  return program(ctx).methods.acceptJob().accountsPartial({ provider, job }).instruction();
}

export function markDeliveredInstruction(ctx: AppContext, provider: PublicKey, job: PublicKey, outputHash: Buffer) {
  return program(ctx)
    .methods.markDelivered([...outputHash])
    .accountsPartial({ provider, job, config: ctx.platform.config })
    .instruction();
}

/** `release` by `authority`: the client, or anyone (the fee payer) once review_by passed. */
export function releaseInstruction(ctx: AppContext, authority: PublicKey, job: PublicKey, provider: PublicKey) {
  return program(ctx)
    .methods.release()
    .accountsPartial({
      authority,
      job,
      providerAgent: ledgerOf(ctx, provider),
      config: ctx.platform.config,
      rentPayer: ctx.platform.feePayer.publicKey,
    })
    .instruction();
}

/** `refund` by `authority`: the client before delivery, or anyone once deliver_by passed. */
export function refundInstruction(ctx: AppContext, authority: PublicKey, job: PublicKey, client: PublicKey) {
  return program(ctx)
    .methods.refund()
    .accountsPartial({ authority, job, clientAgent: ledgerOf(ctx, client), rentPayer: ctx.platform.feePayer.publicKey })
    .instruction();
}
