/**
 * The escrow program's campaign instructions as the API sends them, built by the sdk's program
 * client (@justpay/sdk, instructions/campaigns.ts). The platform's fee payer pays rent and fees
 * (agents hold only USDC), so it is every campaign's and task's `rent_payer`, and it is the
 * "anyone" that cranks expiries, review timeouts, the end of a campaign and its closing. The
 * operator co-signs claims, vouching for the off-chain policy (minTrustScore).
 *
 * Each returns a promise, as the callers' shared steps (campaign-admin.ts `run`) take one.
 */

import {
  acceptTaskInstruction as buildAcceptTask,
  cancelCampaignInstruction as buildCancelCampaign,
  claimTaskInstruction as buildClaimTask,
  closeCampaignInstruction as buildCloseCampaign,
  buildContext,
  createCampaignInstruction as buildCreateCampaign,
  deliverTaskInstruction as buildDeliverTask,
  expireTaskInstruction as buildExpireTask,
  pauseCampaignInstruction as buildPauseCampaign,
  rejectTaskInstruction as buildRejectTask,
  resumeCampaignInstruction as buildResumeCampaign,
  topUpCampaignInstruction as buildTopUpCampaign,
  type CreateCampaignParams,
  campaignPda,
  quotaPda,
  taskPda,
} from "@justpay/sdk";
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import type { AppContext } from "../context.js";

export { quotaPda, taskPda };

const program = (ctx: AppContext) => buildContext(ctx.chain.programId);
const rentPayer = (ctx: AppContext) => ctx.platform.feePayer.publicKey;

export function campaignAddress(ctx: AppContext, owner: PublicKey, id: bigint) {
  return campaignPda(ctx.chain.programId, owner, id);
}

/** A campaign's on-chain terms; the platform's fee payer pays its rent. */
export type CampaignTerms = Omit<CreateCampaignParams, "payer">;

export async function createCampaignInstruction(ctx: AppContext, t: CampaignTerms): Promise<TransactionInstruction> {
  return buildCreateCampaign({ ...t, payer: rentPayer(ctx) }, program(ctx));
}

/** claim_task of the claimant's `index`-th task (the quota's total_claims), co-signed by the operator. */
export async function claimTaskInstruction(ctx: AppContext, campaign: PublicKey, wallet: PublicKey, index: number) {
  return buildClaimTask(
    { payer: rentPayer(ctx), wallet, operator: ctx.platform.operator.publicKey, campaign, claimIndex: index },
    program(ctx),
  );
}

export interface TaskAccounts {
  campaign: PublicKey;
  task: PublicKey;
  /** The claimant's wallet. */
  agent: PublicKey;
  /** The campaign owner's wallet. */
  owner: PublicKey;
}

const taskRef = (ctx: AppContext, a: TaskAccounts) => ({
  campaign: a.campaign,
  task: a.task,
  rentPayer: rentPayer(ctx),
});

export async function deliverTaskInstruction(ctx: AppContext, a: TaskAccounts, outputHash: Buffer) {
  return buildDeliverTask({ ...taskRef(ctx, a), wallet: a.agent, outputHash }, program(ctx));
}

/** accept_task by `authority`: the owner, or anyone (the fee payer) once review_by passed. */
export async function acceptTaskInstruction(ctx: AppContext, a: TaskAccounts, authority: PublicKey) {
  return buildAcceptTask({ ...taskRef(ctx, a), authority, agent: a.agent }, program(ctx));
}

export async function rejectTaskInstruction(ctx: AppContext, a: TaskAccounts, reasonHash: Buffer) {
  return buildRejectTask({ ...taskRef(ctx, a), owner: a.owner, reasonHash }, program(ctx));
}

/** expire_task: no signer; from expires_at, or at once on a cancelled campaign. */
export async function expireTaskInstruction(ctx: AppContext, a: TaskAccounts) {
  return buildExpireTask({ ...taskRef(ctx, a), owner: a.owner }, program(ctx));
}

export async function topUpCampaignInstruction(ctx: AppContext, campaign: PublicKey, owner: PublicKey, amount: bigint) {
  return buildTopUpCampaign({ owner, campaign, amount }, program(ctx));
}

export async function pauseCampaignInstruction(ctx: AppContext, campaign: PublicKey, owner: PublicKey) {
  return buildPauseCampaign({ owner, campaign }, program(ctx));
}

export async function resumeCampaignInstruction(ctx: AppContext, campaign: PublicKey, owner: PublicKey) {
  return buildResumeCampaign({ owner, campaign }, program(ctx));
}

/** cancel_campaign by `authority`: the owner at any time, anyone once ends_at passed. */
export async function cancelCampaignInstruction(
  ctx: AppContext,
  campaign: PublicKey,
  owner: PublicKey,
  authority: PublicKey,
) {
  return buildCancelCampaign({ authority, owner, campaign, rentPayer: rentPayer(ctx) }, program(ctx));
}

/** close_campaign: no signer; a cancelled campaign once no task is in progress. */
export async function closeCampaignInstruction(ctx: AppContext, campaign: PublicKey) {
  return buildCloseCampaign({ campaign, rentPayer: rentPayer(ctx) }, program(ctx));
}
