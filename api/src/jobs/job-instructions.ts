/**
 * The escrow program's job instructions as the API sends them. The platform's fee payer pays
 * rent and fees (agents hold only USDC), so it is every job's `rent_payer`, and it is also the
 * "anyone" that cranks a release or a refund once a deadline passed.
 */

import { agentPda, escrowProgram, JOB_BUMP } from "@justpay/sdk";
import { PublicKey, SystemProgram, type TransactionInstruction } from "@solana/web3.js";
import BN from "bn.js";
import type { AppContext } from "../context.js";
import { LruMap } from "../runtime/lru-map.js";

const program = (ctx: AppContext) => escrowProgram(ctx.chain.programId);
/** A wallet's ledger address never changes and costs a bump search: derived once per program and wallet. */
const ledgersByProgram = new WeakMap<PublicKey, LruMap<string, PublicKey>>();
function ledgerOf(ctx: AppContext, wallet: PublicKey): PublicKey {
  let ledgers = ledgersByProgram.get(ctx.chain.programId);
  if (!ledgers) {
    ledgers = new LruMap(50_000);
    ledgersByProgram.set(ctx.chain.programId, ledgers);
  }
  const key = wallet.toBase58();
  let ledger = ledgers.get(key);
  if (!ledger) {
    ledger = agentPda(ctx.chain.programId, wallet).address;
    ledgers.set(key, ledger);
  }
  return ledger;
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

/** create_job as both kinds send it; a `null` provider is an open job. */
function createJobInstruction(
  ctx: AppContext,
  t: { id: bigint; job: PublicKey; client: PublicKey; provider: PublicKey | null; amount: bigint },
  applyBy: bigint,
  deliverBy: bigint,
  requiresAcceptance: boolean,
): Promise<TransactionInstruction> {
  return program(ctx)
    .methods.createJob(
      new BN(t.id.toString()),
      t.provider ?? PublicKey.default,
      new BN(t.amount.toString()),
      new BN(applyBy.toString()),
      new BN(deliverBy.toString()),
      requiresAcceptance,
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
      // An open job has no provider ledger: the program id is Anchor's placeholder for an
      // absent account, which the program ignores for open jobs.
      providerAgent: t.provider ? ledgerOf(ctx, t.provider) : ctx.chain.programId,
    })
    .instruction();
}

export function createDirectJobInstruction(ctx: AppContext, t: DirectJobTerms): Promise<TransactionInstruction> {
  return createJobInstruction(ctx, t, 0n, t.deliverBy, t.requiresAcceptance);
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

export interface OpenJobTerms {
  id: bigint;
  job: PublicKey;
  client: PublicKey;
  amount: bigint;
  applyBy: bigint;
  deliverBy: bigint;
}

/** create_job for an open job: the zero provider; it starts Open until assign_provider. */
export function createOpenJobInstruction(ctx: AppContext, t: OpenJobTerms): Promise<TransactionInstruction> {
  return createJobInstruction(ctx, { ...t, provider: null }, t.applyBy, t.deliverBy, false);
}

/** assign_provider by the client, with the chosen provider's ledger (release will credit it). */
export function assignProviderInstruction(ctx: AppContext, client: PublicKey, job: PublicKey, provider: PublicKey) {
  return program(ctx)
    .methods.assignProvider(provider)
    .accountsPartial({ client, job, providerAgent: ledgerOf(ctx, provider) })
    .instruction();
}
