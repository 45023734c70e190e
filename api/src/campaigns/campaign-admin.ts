/**
 * The owner's steps on a campaign: top up, pause, resume, cancel. Each checks the owner and
 * the status first (403/409 with a reason), then sends its instruction. Pause and resume are
 * keyed on the campaign account's mirrored slot, so a repeated request in the same state is
 * the same intent; a top-up on its Idempotency-Key (a fresh key without one: two top-ups are
 * two). Cancelling sends cancel_campaign (the pool goes back to the owner), then voids every
 * undelivered task with expire_task (its funds go back too, under the key the sweep uses) and
 * closes the campaign once no task is in progress. Delivered tasks still settle normally.
 */

import type { AgentRow } from "@justpay/db";
import { PublicKey } from "@solana/web3.js";
import type { AppContext } from "../context.js";
import { newId } from "../db/ids.js";
import { conflict, forbidden, notFound } from "../http/http-error.js";
import {
  cancelCampaignInstruction,
  expireTaskInstruction,
  pauseCampaignInstruction,
  resumeCampaignInstruction,
  topUpCampaignInstruction,
} from "./campaign-instructions.js";
import { CampaignStore, type CampaignWithState, TaskStore } from "./campaign-store.js";
import { closeIfDone, crankTask, taskAccounts } from "./settle-task.js";

async function ownedCampaign(ctx: AppContext, agent: AgentRow, id: string, action: string): Promise<CampaignWithState> {
  const campaign = await new CampaignStore(ctx.knex).find(id);
  if (campaign?.phase !== "live") throw notFound("Campaign not found");
  if (campaign.owner_agent_id !== agent.id) throw forbidden(`Only the campaign's owner can ${action}`);
  return campaign;
}

function needStatus(c: CampaignWithState, statuses: string[], action: string) {
  if (!statuses.includes(c.status)) throw conflict(`Cannot ${action}: the campaign is ${c.status}`);
}

async function run(
  ctx: AppContext,
  c: CampaignWithState,
  key: string,
  label: string,
  ix: Promise<import("@solana/web3.js").TransactionInstruction>,
) {
  const landed = await ctx.tx.execute(key, label, [await ix]);
  await ctx.waitForSlot(landed.slot);
  return (await new CampaignStore(ctx.knex).find(c.id)) as CampaignWithState;
}

const wallet = (a: AgentRow) => new PublicKey(a.wallet_address);
const account = (c: CampaignWithState) => new PublicKey(c.campaign_pubkey);

export async function topUpCampaign(ctx: AppContext, agent: AgentRow, id: string, amount: number, key: string | null) {
  const c = await ownedCampaign(ctx, agent, id, "top it up");
  needStatus(c, ["active", "paused", "completed"], "top up");
  const ix = topUpCampaignInstruction(ctx, account(c), wallet(agent), BigInt(amount));
  return run(ctx, c, `campaign-topup:${c.id}:${key ?? newId()}`, "top_up_campaign", ix);
}

export async function pauseCampaign(ctx: AppContext, agent: AgentRow, id: string) {
  const c = await ownedCampaign(ctx, agent, id, "pause it");
  needStatus(c, ["active"], "pause");
  return run(
    ctx,
    c,
    `campaign-pause:${c.id}:${c.chain_slot}`,
    "pause_campaign",
    pauseCampaignInstruction(ctx, account(c), wallet(agent)),
  );
}

export async function resumeCampaign(ctx: AppContext, agent: AgentRow, id: string) {
  const c = await ownedCampaign(ctx, agent, id, "resume it");
  needStatus(c, ["paused"], "resume");
  return run(
    ctx,
    c,
    `campaign-resume:${c.id}:${c.chain_slot}`,
    "resume_campaign",
    resumeCampaignInstruction(ctx, account(c), wallet(agent)),
  );
}

/** expire_task for every undelivered task of a cancelled campaign, then close_campaign when none is left. */
export async function voidUndelivered(ctx: AppContext, campaignId?: string): Promise<number> {
  const store = new CampaignStore(ctx.knex);
  let voided = 0;
  for (const task of await new TaskStore(ctx.knex).voidedByCancel()) {
    if (campaignId && task.campaign_id !== campaignId) continue;
    const campaign = (await store.find(task.campaign_id)) as CampaignWithState;
    const ix = await expireTaskInstruction(ctx, await taskAccounts(ctx, campaign, task));
    await crankTask(ctx, task, `campaign-task-expire:${task.id}`, "expire_task", ix);
    voided += 1;
  }
  return voided;
}

export async function cancelCampaign(ctx: AppContext, agent: AgentRow, id: string) {
  const c = await ownedCampaign(ctx, agent, id, "cancel it");
  needStatus(c, ["active", "paused", "completed"], "cancel");
  const ix = cancelCampaignInstruction(ctx, account(c), wallet(agent), wallet(agent));
  await run(ctx, c, `campaign-cancel:${c.id}`, "cancel_campaign", ix);
  await voidUndelivered(ctx, c.id);
  await closeIfDone(ctx, c.id);
  return (await new CampaignStore(ctx.knex).find(c.id)) as CampaignWithState;
}
