/**
 * Campaign instructions: the owner's (create, top up, pause, resume, cancel, review) and the
 * claimant's (claim, deliver). A claim creates the task at `["task", quota, index]`, where
 * `index` is the claimant's quota's `totalClaims` (0 before its first claim), so the caller
 * passes it: read the quota with `decodeAccount("campaignQuota", …)`, or 0 when it does not exist.
 */
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import { campaignPda, quotaPda, taskPda } from "../pdas.js";
import { bn, buildInstruction, type Hash32, hash32Arg } from "./build.js";
import { type BuildContext, buildContext } from "./context.js";

export interface CreateCampaignParams {
  payer: PublicKey;
  owner: PublicKey;
  /** Part of the campaign's address, unique per owner. */
  id: bigint;
  /** Micro-USDC per accepted task; the platform fee comes on top. */
  reward: bigint;
  budget: bigint;
  /** 0: unlimited. */
  maxPerAgent: number;
  dailyLimit: number;
  maxConcurrentClaims: number;
  /** Seconds. */
  reviewTimeout: number;
  claimTimeout: number;
  durationDays: number;
  autoAccept: boolean;
}

export function createCampaignInstruction(
  p: CreateCampaignParams,
  ctx: BuildContext = buildContext(),
): TransactionInstruction {
  const { address, bump } = campaignPda(ctx.programId, p.owner, p.id);
  const args = {
    id: bn(p.id),
    reward: bn(p.reward),
    budget: bn(p.budget),
    maxPerAgent: p.maxPerAgent,
    dailyLimit: p.dailyLimit,
    maxConcurrentClaims: p.maxConcurrentClaims,
    reviewTimeout: p.reviewTimeout,
    claimTimeout: p.claimTimeout,
    durationDays: p.durationDays,
    autoAccept: p.autoAccept,
    bump,
  };
  return buildInstruction(ctx.program, "createCampaign", args, {
    payer: p.payer,
    owner: p.owner,
    ownerAgent: ctx.ledger(p.owner),
    config: ctx.config,
    campaign: address,
  });
}

export interface ClaimTaskParams {
  /** Pays the quota's and the task's rent; the task's `rentPayer` from then on. */
  payer: PublicKey;
  wallet: PublicKey;
  operator: PublicKey;
  campaign: PublicKey;
  /** The claimant's quota's `totalClaims` now (0 before its first claim). */
  claimIndex: number;
}

/** The addresses a claim creates or updates. */
export function claimAddresses(ctx: BuildContext, campaign: PublicKey, wallet: PublicKey, claimIndex: number) {
  const quota = quotaPda(ctx.programId, campaign, wallet);
  const task = taskPda(ctx.programId, quota.address, claimIndex);
  return { quota, task };
}

export function claimTaskInstruction(p: ClaimTaskParams, ctx: BuildContext = buildContext()): TransactionInstruction {
  const { quota, task } = claimAddresses(ctx, p.campaign, p.wallet, p.claimIndex);
  return buildInstruction(
    ctx.program,
    "claimTask",
    { taskBump: task.bump, quotaBump: quota.bump },
    {
      payer: p.payer,
      wallet: p.wallet,
      operator: p.operator,
      agent: ctx.ledger(p.wallet),
      config: ctx.config,
      campaign: p.campaign,
      quota: quota.address,
      task: task.address,
    },
  );
}

export interface TaskRefParams {
  campaign: PublicKey;
  task: PublicKey;
  /** The task's `rentPayer`, who gets the rent back when it settles. */
  rentPayer: PublicKey;
}

/** The claimant delivers; with auto-accept the task is paid at once. */
export function deliverTaskInstruction(
  p: TaskRefParams & { wallet: PublicKey; outputHash: Hash32 },
  ctx: BuildContext = buildContext(),
): TransactionInstruction {
  return buildInstruction(
    ctx.program,
    "deliverTask",
    { outputHash: hash32Arg(p.outputHash, "outputHash") },
    {
      wallet: p.wallet,
      campaign: p.campaign,
      task: p.task,
      agent: ctx.ledger(p.wallet),
      config: ctx.config,
      rentPayer: p.rentPayer,
    },
  );
}

/** Pays a delivered task: by the owner, or by anyone once its review timed out. `agent` is the claimant's wallet. */
export function acceptTaskInstruction(
  p: TaskRefParams & { authority: PublicKey; agent: PublicKey },
  ctx: BuildContext = buildContext(),
): TransactionInstruction {
  return buildInstruction(
    ctx.program,
    "acceptTask",
    {},
    {
      authority: p.authority,
      campaign: p.campaign,
      task: p.task,
      agent: ctx.ledger(p.agent),
      config: ctx.config,
      rentPayer: p.rentPayer,
    },
  );
}

export function rejectTaskInstruction(
  p: TaskRefParams & { owner: PublicKey; reasonHash: Hash32 },
  ctx: BuildContext = buildContext(),
): TransactionInstruction {
  return buildInstruction(
    ctx.program,
    "rejectTask",
    { reasonHash: hash32Arg(p.reasonHash, "reasonHash") },
    { owner: p.owner, campaign: p.campaign, task: p.task, ownerAgent: ctx.ledger(p.owner), rentPayer: p.rentPayer },
  );
}

export function topUpCampaignInstruction(
  p: { owner: PublicKey; campaign: PublicKey; amount: bigint },
  ctx: BuildContext = buildContext(),
): TransactionInstruction {
  return buildInstruction(
    ctx.program,
    "topUpCampaign",
    { amount: bn(p.amount) },
    { owner: p.owner, ownerAgent: ctx.ledger(p.owner), config: ctx.config, campaign: p.campaign },
  );
}

export function pauseCampaignInstruction(
  p: { owner: PublicKey; campaign: PublicKey },
  ctx: BuildContext = buildContext(),
): TransactionInstruction {
  return buildInstruction(ctx.program, "pauseCampaign", {}, { owner: p.owner, campaign: p.campaign });
}

export function resumeCampaignInstruction(
  p: { owner: PublicKey; campaign: PublicKey },
  ctx: BuildContext = buildContext(),
): TransactionInstruction {
  return buildInstruction(ctx.program, "resumeCampaign", {}, { owner: p.owner, campaign: p.campaign });
}

/** Refunds the remaining budget; `owner` is the campaign owner's wallet, `rentPayer` the campaign's. */
export function cancelCampaignInstruction(
  p: { authority: PublicKey; owner: PublicKey; campaign: PublicKey; rentPayer: PublicKey },
  ctx: BuildContext = buildContext(),
): TransactionInstruction {
  return buildInstruction(
    ctx.program,
    "cancelCampaign",
    {},
    { authority: p.authority, campaign: p.campaign, ownerAgent: ctx.ledger(p.owner), rentPayer: p.rentPayer },
  );
}

/**
 * A crank anyone may send: a claim past its `expires_at` (or any claim of a cancelled
 * campaign) goes back to the pool; `owner` is the campaign owner's wallet, refunded the fee.
 */
export function expireTaskInstruction(
  p: TaskRefParams & { owner: PublicKey },
  ctx: BuildContext = buildContext(),
): TransactionInstruction {
  return buildInstruction(
    ctx.program,
    "expireTask",
    {},
    { campaign: p.campaign, task: p.task, ownerAgent: ctx.ledger(p.owner), rentPayer: p.rentPayer },
  );
}

/** A crank anyone may send: closes a cancelled campaign with no task in progress, returning its rent. */
export function closeCampaignInstruction(
  p: { campaign: PublicKey; rentPayer: PublicKey },
  ctx: BuildContext = buildContext(),
): TransactionInstruction {
  return buildInstruction(ctx.program, "closeCampaign", {}, { campaign: p.campaign, rentPayer: p.rentPayer });
}
