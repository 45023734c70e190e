/**
 * A task's end and its campaign's, whoever caused them. A task closes with TaskPaid, TaskRejected
 * or TaskExpired: `recordTaskSettlement` marks the row settled and sends its webhook, and is
 * called by the step that closed it, by the sweeps, and by the reconcile sweep for anyone
 * else's crank. `crankTask` sends a closing instruction and treats the program's refusal
 * because the task is already closed as done. `noteCompletion` sends campaign.completed once
 * per CampaignCompleted event, and `closeIfDone` closes a cancelled campaign whose last task
 * settled, returning its rent to the fee payer.
 */
import { PublicKey, type TransactionInstruction } from "@solana/web3.js";
import type { AppContext } from "../context.js";
import { LruMap } from "../runtime/lru-map.js";
import { TxProgramError } from "../tx/errors.js";
import { closeCampaignInstruction, type TaskAccounts } from "./campaign-instructions.js";
import { notifyCampaignCompleted, notifyTask, SETTLEMENT_EVENTS } from "./campaign-notices.js";
import {
  CampaignStore,
  type CampaignWithState,
  type TaskAfterStep,
  TaskStore,
  type TaskWithState,
} from "./campaign-store.js";

const ALREADY_CLOSED = new Set(["InvalidStatus", "InvalidOwner", "InvalidAccountData"]);

/**
 * The custodial wallets of campaign owners and claimants. An agent's wallet is fixed when it
 * registers, so each is read once per process and remembered (bounded).
 */
const walletOfAgent = new LruMap<string, PublicKey>(50_000);

/** The wallets and accounts a task instruction names. */
export async function taskAccounts(ctx: AppContext, c: CampaignWithState, t: TaskWithState): Promise<TaskAccounts> {
  const unknown = [c.owner_agent_id, t.agent_id].filter((id) => !walletOfAgent.get(id));
  if (unknown.length > 0) {
    const { rows } = await ctx.knex.raw(`select id, wallet_address from agents where id = any(?)`, [unknown]);
    for (const r of rows as { id: string; wallet_address: string }[])
      walletOfAgent.set(r.id, new PublicKey(r.wallet_address));
  }
  const wallet = (id: string) => {
    const known = walletOfAgent.get(id);
    if (!known) throw new Error(`agent ${id} of a campaign task has no wallet`);
    return known;
  };
  return {
    campaign: new PublicKey(c.campaign_pubkey),
    task: new PublicKey(t.task_pubkey),
    agent: wallet(t.agent_id),
    owner: wallet(c.owner_agent_id),
  };
}

async function requireCampaign(ctx: AppContext, id: string): Promise<CampaignWithState> {
  return (await new CampaignStore(ctx.knex).find(id)) as CampaignWithState;
}

/** Whether the CampaignCompleted event at `slot` (null: none) is one campaign.completed was not sent for. */
const completionDue = (notifiedSlot: string | null, slot: string | null): slot is string =>
  slot !== null && !(notifiedSlot && BigInt(notifiedSlot) >= BigInt(slot));

async function sendCompletion(ctx: AppContext, campaign: CampaignWithState, slot: string) {
  await notifyCampaignCompleted(ctx, campaign, slot);
  await new CampaignStore(ctx.knex).update(campaign.id, { completion_notified_slot: slot });
}

/** Sends the campaign.completed webhook for the campaign's latest CampaignCompleted event, once. */
export async function noteCompletion(ctx: AppContext, campaignId: string): Promise<boolean> {
  const campaign = await requireCampaign(ctx, campaignId);
  const { rows } = await ctx.knex.raw(
    `select max(slot)::text as slot from events where name = 'CampaignCompleted' and mentions @> array[?]`,
    [campaign.campaign_pubkey],
  );
  const slot: string | null = rows[0]?.slot ?? null;
  if (!completionDue(campaign.completion_notified_slot, slot)) return false;
  await sendCompletion(ctx, campaign, slot);
  return true;
}

/**
 * A closed task's webhooks, its settlement already recorded by the read (once per task); no-op
 * while it lives.
 */
async function noticeSettlement(
  ctx: AppContext,
  { task, campaign, completedSlot }: TaskAfterStep,
): Promise<TaskWithState> {
  const event = task.settled_by ? SETTLEMENT_EVENTS[task.settled_by] : undefined;
  if (!event) return task;
  await notifyTask(ctx, campaign, task, event);
  // The whole campaign is read only for the webhook it goes into, once per completion.
  if (completionDue(campaign.completion_notified_slot, completedSlot))
    await sendCompletion(ctx, await requireCampaign(ctx, campaign.id), completedSlot);
  // The status was read after the task closed on-chain: a campaign cancelled later is closed by
  // its cancel, which then finds this task's claim released (and the lifecycle sweep is the backstop).
  if (campaign.status === "cancelled") await closeIfDone(ctx, campaign.id);
  // The status comes from the closing event; the phase recorded only rules out `failed`.
  return { ...task, phase: "settled" };
}

/** Marks a closed task settled and sends its webhook (once per task); no-op while it lives. */
export async function recordTaskSettlement(
  ctx: AppContext,
  taskId: string,
  /** The task as just read by `findRecordingSettlement` after its step landed, which spares reading it again. */
  read?: TaskAfterStep,
): Promise<TaskWithState> {
  return noticeSettlement(
    ctx,
    read ?? ((await new TaskStore(ctx.knex).findRecordingSettlement(taskId)) as TaskAfterStep),
  );
}

/**
 * Sends `ix` closing a task under `key` and records the settlement. A refusal because the task
 * is already closed (a racing owner or sweeper) is done, not an error.
 */
export async function crankTask(
  ctx: AppContext,
  task: TaskWithState,
  key: string,
  label: string,
  ix: TransactionInstruction,
): Promise<TaskWithState> {
  try {
    const landed = await ctx.tx.execute(key, label, [ix]);
    await ctx.waitForSlot(landed.slot);
  } catch (e) {
    if (!(e instanceof TxProgramError && ALREADY_CLOSED.has(e.errorName ?? ""))) throw e;
    await ctx.waitForSlot(await ctx.chain.getSlot());
    // Recording writes only a task an event closed: when none did, the refusal stands.
    const read = await new TaskStore(ctx.knex).findRecordingSettlement(task.id);
    if (!read?.task.settled_by) throw e;
    return recordTaskSettlement(ctx, task.id, read);
  }
  return recordTaskSettlement(ctx, task.id);
}

/** close_campaign for a cancelled campaign with no task in progress whose account still exists. */
export async function closeIfDone(ctx: AppContext, campaignId: string): Promise<boolean> {
  const { rows } = await ctx.knex.raw(
    `select cc.pubkey from campaigns c join chain_campaign cc on cc.pubkey = c.campaign_pubkey
      where c.id = ? and cc.closed_at is null and lower(cc.status) = 'cancelled' and cc.active_claims = 0`,
    [campaignId],
  );
  if (!rows[0]) return false;
  const ix = await closeCampaignInstruction(ctx, new PublicKey(rows[0].pubkey));
  try {
    const landed = await ctx.tx.execute(`campaign-close:${campaignId}`, "close_campaign", [ix]);
    await ctx.waitForSlot(landed.slot);
  } catch (e) {
    if (!(e instanceof TxProgramError && ALREADY_CLOSED.has(e.errorName ?? ""))) throw e;
  }
  return true;
}
