/**
 * The escrow program's campaign instructions as the API sends them, and the addresses they
 * name. The platform's fee payer pays rent and fees (agents hold only USDC), so it is every
 * campaign's and task's `rent_payer`, and it is the "anyone" that cranks expiries, review
 * timeouts, the end of a campaign and its closing. The operator co-signs claims, vouching for
 * the off-chain policy (minTrustScore).
 */

import { agentPda, campaignPda, escrowProgram, quotaPda, taskPda } from "@justpay/sdk";

export { quotaPda, taskPda };

import { type PublicKey, SystemProgram, type TransactionInstruction } from "@solana/web3.js";
import BN from "bn.js";
import type { AppContext } from "../context.js";

const program = (ctx: AppContext) => escrowProgram(ctx.chain.programId);
const ledgerOf = (ctx: AppContext, wallet: PublicKey) => agentPda(ctx.chain.programId, wallet).address;
const rentPayer = (ctx: AppContext) => ctx.platform.feePayer.publicKey;

export function campaignAddress(ctx: AppContext, owner: PublicKey, id: bigint) {
  return campaignPda(ctx.chain.programId, owner, id);
}

export interface CampaignTerms {
  id: bigint;
  owner: PublicKey;
  reward: bigint;
  budget: bigint;
  /** 0: unlimited. */
  maxPerAgent: number;
  dailyLimit: number;
  maxConcurrentClaims: number;
  reviewTimeout: number;
  claimTimeout: number;
  durationDays: number;
  autoAccept: boolean;
}

export function createCampaignInstruction(ctx: AppContext, t: CampaignTerms): Promise<TransactionInstruction> {
  const { address, bump } = campaignAddress(ctx, t.owner, t.id);
  return program(ctx)
    .methods.createCampaign(
      new BN(t.id.toString()),
      new BN(t.reward.toString()),
      new BN(t.budget.toString()),
      t.maxPerAgent,
      t.dailyLimit,
      t.maxConcurrentClaims,
      t.reviewTimeout,
      t.claimTimeout,
      t.durationDays,
      t.autoAccept,
      bump,
    )
    .accountsPartial({
      payer: rentPayer(ctx),
      owner: t.owner,
      ownerAgent: ledgerOf(ctx, t.owner),
      config: ctx.platform.config,
      campaign: address,
      systemProgram: SystemProgram.programId,
    })
    .instruction();
}

/** claim_task of the claimant's `index`-th task (the quota's total_claims), co-signed by the operator. */
export function claimTaskInstruction(ctx: AppContext, campaign: PublicKey, wallet: PublicKey, index: number) {
  const quota = quotaPda(ctx.chain.programId, campaign, wallet);
  const task = taskPda(ctx.chain.programId, quota.address, index);
  return program(ctx)
    .methods.claimTask(task.bump, quota.bump)
    .accountsPartial({
      payer: rentPayer(ctx),
      wallet,
      operator: ctx.platform.operator.publicKey,
      agent: ledgerOf(ctx, wallet),
      config: ctx.platform.config,
      campaign,
      quota: quota.address,
      task: task.address,
      systemProgram: SystemProgram.programId,
    })
    .instruction();
}

export interface TaskAccounts {
  campaign: PublicKey;
  task: PublicKey;
  /** The claimant's wallet. */
  agent: PublicKey;
  /** The campaign owner's wallet. */
  owner: PublicKey;
}

export function deliverTaskInstruction(ctx: AppContext, a: TaskAccounts, outputHash: Buffer) {
  return program(ctx)
    .methods.deliverTask([...outputHash])
    .accountsPartial({
      wallet: a.agent,
      campaign: a.campaign,
      task: a.task,
      agent: ledgerOf(ctx, a.agent),
      config: ctx.platform.config,
      rentPayer: rentPayer(ctx),
    })
    .instruction();
}

/** accept_task by `authority`: the owner, or anyone (the fee payer) once review_by passed. */
export function acceptTaskInstruction(ctx: AppContext, a: TaskAccounts, authority: PublicKey) {
  return program(ctx)
    .methods.acceptTask()
    .accountsPartial({
      authority,
      campaign: a.campaign,
      task: a.task,
      agent: ledgerOf(ctx, a.agent),
      config: ctx.platform.config,
      rentPayer: rentPayer(ctx),
    })
    .instruction();
}

export function rejectTaskInstruction(ctx: AppContext, a: TaskAccounts, reasonHash: Buffer) {
  return program(ctx)
    .methods.rejectTask([...reasonHash])
    .accountsPartial({
      owner: a.owner,
      campaign: a.campaign,
      task: a.task,
      ownerAgent: ledgerOf(ctx, a.owner),
      rentPayer: rentPayer(ctx),
    })
    .instruction();
}

/** expire_task: no signer; from expires_at, or at once on a cancelled campaign. */
export function expireTaskInstruction(ctx: AppContext, a: TaskAccounts) {
  return program(ctx)
    .methods.expireTask()
    .accountsPartial({
      campaign: a.campaign,
      task: a.task,
      ownerAgent: ledgerOf(ctx, a.owner),
      rentPayer: rentPayer(ctx),
    })
    .instruction();
}

export function topUpCampaignInstruction(ctx: AppContext, campaign: PublicKey, owner: PublicKey, amount: bigint) {
  return program(ctx)
    .methods.topUpCampaign(new BN(amount.toString()))
    .accountsPartial({ owner, ownerAgent: ledgerOf(ctx, owner), config: ctx.platform.config, campaign })
    .instruction();
}

export function pauseCampaignInstruction(ctx: AppContext, campaign: PublicKey, owner: PublicKey) {
  return program(ctx).methods.pauseCampaign().accountsPartial({ owner, campaign }).instruction();
}

export function resumeCampaignInstruction(ctx: AppContext, campaign: PublicKey, owner: PublicKey) {
  return program(ctx).methods.resumeCampaign().accountsPartial({ owner, campaign }).instruction();
}

/** cancel_campaign by `authority`: the owner at any time, anyone once ends_at passed. */
export function cancelCampaignInstruction(
  ctx: AppContext,
  campaign: PublicKey,
  owner: PublicKey,
  authority: PublicKey,
) {
  return program(ctx)
    .methods.cancelCampaign()
    .accountsPartial({ authority, campaign, ownerAgent: ledgerOf(ctx, owner), rentPayer: rentPayer(ctx) })
    .instruction();
}

/** close_campaign: no signer; a cancelled campaign once no task is in progress. */
export function closeCampaignInstruction(ctx: AppContext, campaign: PublicKey) {
  return program(ctx)
    .methods.closeCampaign()
    .accountsPartial({ campaign, rentPayer: rentPayer(ctx) })
    .instruction();
}
