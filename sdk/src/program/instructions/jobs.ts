/**
 * The job path's instructions: create, assign (open jobs), accept, deliver, release, refund,
 * dispute and the arbiter's ruling. Ledgers, the config and the job address are derived here;
 * the caller names the wallets and, where the program pays rent back, the job's `rentPayer`
 * (the account that paid for the job, recorded in it).
 */
import { PublicKey, type TransactionInstruction } from "@solana/web3.js";
import { isUsableJobId, JOB_BUMP, jobPda } from "../pdas.js";
import { bn, buildInstruction, type Hash32, hash32Arg } from "./build.js";
import { type BuildContext, buildContext } from "./context.js";

export interface CreateJobParams {
  /** Pays the job's rent, and gets it back when the job closes. */
  payer: PublicKey;
  /** The client's wallet; its ledger is debited `amount + fee`. */
  client: PublicKey;
  /** The platform operator, who co-signs every job. */
  operator: PublicKey;
  /** Part of the job's address; must have a bump-255 address (see `usableJobId`). */
  id: bigint;
  /** A direct job's provider wallet; null for an open job. */
  provider: PublicKey | null;
  /** Micro-USDC paid to the provider; the platform fee comes on top. */
  amount: bigint;
  /** Unix seconds: an open job's last moment to assign a provider (ignored for direct jobs). */
  applyBy?: bigint;
  /** Unix seconds: the last moment to deliver. */
  deliverBy: bigint;
  /** Direct jobs: start Funded and wait for the provider's accept_job. */
  requiresAcceptance?: boolean;
}

export class UnusableJobIdError extends RangeError {
  override name = "UnusableJobIdError";
}

export function createJobInstruction(p: CreateJobParams, ctx: BuildContext = buildContext()): TransactionInstruction {
  if (!isUsableJobId(ctx.programId, p.client, p.id))
    throw new UnusableJobIdError(`job id ${p.id} has no bump-255 address for this client; pick one with usableJobId`);
  const job = jobPda(ctx.programId, p.client, p.id).address;
  const args = {
    id: bn(p.id),
    provider: p.provider ?? PublicKey.default,
    amount: bn(p.amount),
    applyBy: bn(p.applyBy ?? 0n),
    deliverBy: bn(p.deliverBy),
    requiresAcceptance: p.requiresAcceptance ?? false,
    bump: JOB_BUMP,
  };
  return buildInstruction(ctx.program, "createJob", args, {
    payer: p.payer,
    client: p.client,
    operator: p.operator,
    clientAgent: ctx.ledger(p.client),
    config: ctx.config,
    job,
    // An open job has no provider ledger to show; the program id stands in (Anchor's "none").
    providerAgent: p.provider ? ctx.ledger(p.provider) : ctx.programId,
  });
}

/** An open job's client picks its provider. */
export function assignProviderInstruction(
  p: { client: PublicKey; job: PublicKey; provider: PublicKey },
  ctx: BuildContext = buildContext(),
): TransactionInstruction {
  return buildInstruction(
    ctx.program,
    "assignProvider",
    { provider: p.provider },
    { client: p.client, job: p.job, providerAgent: ctx.ledger(p.provider) },
  );
}

/** The provider accepts a Funded direct job. */
export function acceptJobInstruction(
  p: { provider: PublicKey; job: PublicKey },
  ctx: BuildContext = buildContext(),
): TransactionInstruction {
  return buildInstruction(ctx.program, "acceptJob", {}, { provider: p.provider, job: p.job });
}

/** The provider delivers: the hash of the output goes on chain, the review window starts. */
export function markDeliveredInstruction(
  p: { provider: PublicKey; job: PublicKey; outputHash: Hash32 },
  ctx: BuildContext = buildContext(),
): TransactionInstruction {
  return buildInstruction(
    ctx.program,
    "markDelivered",
    { outputHash: hash32Arg(p.outputHash, "outputHash") },
    { provider: p.provider, job: p.job, config: ctx.config },
  );
}

/** Pays the provider: by the client, or by anyone once the review window passed. */
export function releaseInstruction(
  p: { authority: PublicKey; job: PublicKey; provider: PublicKey; rentPayer: PublicKey },
  ctx: BuildContext = buildContext(),
): TransactionInstruction {
  return buildInstruction(
    ctx.program,
    "release",
    {},
    {
      authority: p.authority,
      job: p.job,
      providerAgent: ctx.ledger(p.provider),
      config: ctx.config,
      rentPayer: p.rentPayer,
    },
  );
}

/** Refunds the client: by the client before delivery, or by anyone once a deadline passed. */
export function refundInstruction(
  p: { authority: PublicKey; job: PublicKey; client: PublicKey; rentPayer: PublicKey },
  ctx: BuildContext = buildContext(),
): TransactionInstruction {
  return buildInstruction(
    ctx.program,
    "refund",
    {},
    { authority: p.authority, job: p.job, clientAgent: ctx.ledger(p.client), rentPayer: p.rentPayer },
  );
}

/** Client or provider files a dispute (the fee comes from the claimant's ledger); the operator co-signs. */
export function openDisputeInstruction(
  p: { claimant: PublicKey; operator: PublicKey; job: PublicKey; reasonHash: Hash32 },
  ctx: BuildContext = buildContext(),
): TransactionInstruction {
  return buildInstruction(
    ctx.program,
    "openDispute",
    { reasonHash: hash32Arg(p.reasonHash, "reasonHash") },
    {
      claimant: p.claimant,
      operator: p.operator,
      claimantAgent: ctx.ledger(p.claimant),
      job: p.job,
      config: ctx.config,
    },
  );
}

export type DisputeOutcomeName = "claimantWins" | "respondentWins" | "split";

/** The arbiter's ruling, relative to the party that filed. */
export function resolveDisputeInstruction(
  p: {
    arbiter: PublicKey;
    job: PublicKey;
    client: PublicKey;
    provider: PublicKey;
    rentPayer: PublicKey;
    outcome: DisputeOutcomeName;
  },
  ctx: BuildContext = buildContext(),
): TransactionInstruction {
  return buildInstruction(
    ctx.program,
    "resolveDispute",
    { outcome: { [p.outcome]: {} } },
    {
      arbiter: p.arbiter,
      job: p.job,
      clientAgent: ctx.ledger(p.client),
      providerAgent: ctx.ledger(p.provider),
      config: ctx.config,
      rentPayer: p.rentPayer,
    },
  );
}
