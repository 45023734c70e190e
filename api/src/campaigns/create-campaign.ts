/**
 * `POST /campaigns`: the checks only the API can make (the callback URL, a budget that covers
 * one task at the platform's fee, the owner's spendable balance), then create_campaign
 * through the outbox, which escrows the whole budget into the campaign's pool. The row is
 * written first and the outbox key derives from it: a retry under the same Idempotency-Key
 * finds the row and re-executes the same intent, which runs once.
 */
import { randomBytes } from "node:crypto";
import type { AgentRow, CampaignRow } from "@justpay/db";
import { PublicKey } from "@solana/web3.js";
import { vetCallbackUrl } from "../agents/url-rules.js";
import { readWalletState } from "../agents/wallet-state.js";
import type { AppContext } from "../context.js";
import { newId } from "../db/ids.js";
import { badRequest } from "../http/http-error.js";
import { platformFee } from "../jobs/create-direct-job.js";
import { TxProgramError } from "../tx/errors.js";
import { pendingWithdrawals } from "../wallet/pending.js";
import { type CampaignTermsRequest, type CreateCampaignRequest, withDefaults } from "./campaign-fields.js";
import { campaignAddress, createCampaignInstruction } from "./campaign-instructions.js";
import { CampaignStore, type CampaignWithState } from "./campaign-store.js";

/** A random u64 id (53 bits, exact everywhere); create_campaign proves its bump canonical itself. */
function freshCampaignId(): bigint {
  return BigInt(`0x${randomBytes(7).toString("hex")}`) & ((1n << 53n) - 1n);
}

async function checkFunding(ctx: AppContext, owner: AgentRow, t: CampaignTermsRequest, fee: bigint): Promise<void> {
  const cost = BigInt(t.rewardPerTask) + fee;
  if (BigInt(t.totalBudget) < cost)
    throw badRequest(`totalBudget: must cover at least one task (rewardPerTask + ${fee} fee = ${cost})`);
  const wallet = await readWalletState(ctx.knex, owner.wallet_address);
  const spendable = wallet.available - (await pendingWithdrawals(ctx, owner.id));
  if (spendable < BigInt(t.totalBudget))
    throw badRequest(`Insufficient balance: the budget ${t.totalBudget} is escrowed up front, you have ${spendable}`);
}

function newCampaignRow(
  ctx: AppContext,
  owner: AgentRow,
  t: CampaignTermsRequest,
  fee: bigint,
  key: string | null,
): CampaignRow {
  const chainId = freshCampaignId();
  const { address } = campaignAddress(ctx, new PublicKey(owner.wallet_address), chainId);
  return {
    id: newId(),
    owner_agent_id: owner.id,
    chain_id: chainId.toString(),
    campaign_pubkey: address.toBase58(),
    title: t.title,
    description: t.description,
    category: t.category,
    tags: t.tags,
    task_description: t.taskDescription === undefined ? null : t.taskDescription,
    callback_url: t.callbackUrl ?? null,
    min_trust_score: t.minTrustScore,
    reward: String(t.rewardPerTask),
    fee: fee.toString(),
    total_budget: String(t.totalBudget),
    max_per_agent: t.maxPerAgent,
    daily_limit: t.dailyLimitPerAgent,
    auto_accept: t.autoAccept,
    review_timeout_secs: t.reviewTimeoutSecs,
    max_execution_time_secs: t.maxExecutionTimeSecs,
    max_concurrent_claims: t.maxConcurrentClaims,
    duration_days: t.durationDays,
    phase: "creating",
    error: null,
    idempotency_key: key,
    completion_notified_slot: null,
    created_at: new Date(),
    updated_at: new Date(),
  };
}

/** Runs create_campaign for a written row (again on a retry: the outbox executes it once). */
async function createOnChain(ctx: AppContext, owner: AgentRow, c: CampaignWithState): Promise<void> {
  const store = new CampaignStore(ctx.knex);
  const ix = await createCampaignInstruction(ctx, {
    id: BigInt(c.chain_id),
    owner: new PublicKey(owner.wallet_address),
    reward: BigInt(c.reward),
    budget: BigInt(c.total_budget),
    maxPerAgent: c.max_per_agent ?? 0,
    dailyLimit: c.daily_limit ?? 0,
    maxConcurrentClaims: c.max_concurrent_claims,
    reviewTimeout: c.review_timeout_secs,
    claimTimeout: c.max_execution_time_secs,
    durationDays: c.duration_days,
    autoAccept: c.auto_accept,
  });
  try {
    const landed = await ctx.tx.execute(`campaign-create:${c.id}`, "create_campaign", [ix]);
    await ctx.waitForSlot(landed.slot);
  } catch (e) {
    if (e instanceof TxProgramError) await store.update(c.id, { phase: "failed", error: e.message });
    throw e;
  }
  await store.update(c.id, { phase: "live" });
}

export async function createCampaign(
  ctx: AppContext,
  owner: AgentRow,
  request: CreateCampaignRequest,
  idempotencyKey: string | null,
): Promise<CampaignWithState> {
  const terms = withDefaults(request);
  if (terms.callbackUrl) await vetCallbackUrl(ctx.config, terms.callbackUrl);
  const store = new CampaignStore(ctx.knex);
  let campaign = idempotencyKey ? await store.findByKey(owner.id, idempotencyKey) : undefined;
  if (!campaign) {
    const fee = await platformFee(ctx, BigInt(terms.rewardPerTask));
    await checkFunding(ctx, owner, terms, fee);
    const row = newCampaignRow(ctx, owner, terms, fee, idempotencyKey);
    await ctx.knex("campaigns").insert({
      ...row,
      tags: JSON.stringify(row.tags),
      task_description: row.task_description === null ? null : JSON.stringify(row.task_description),
    });
    campaign = (await store.find(row.id)) as CampaignWithState;
  }
  if (campaign.phase === "creating") await createOnChain(ctx, owner, campaign);
  return (await store.find(campaign.id)) as CampaignWithState;
}
