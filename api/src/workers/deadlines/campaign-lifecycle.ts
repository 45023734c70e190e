/**
 * A campaign's own ends, whoever caused them:
 * - tasks closed by anyone's crank (or a wallet calling the program directly) get their
 *   settlement recorded and their webhook, as job-reconcile does for jobs;
 * - auto-completion (SEED_API.md: "Campaign auto-completes when budget < 1 task cost and no
 *   active tasks"): the program completes the campaign with the payment that leaves it so;
 *   this sends campaign.completed once per completion;
 * - the end of durationDays: cancel_campaign by the fee payer (the program's "anyone" once
 *   ends_at passed) sends the remainder home to the owner;
 * - a cancelled campaign whose last task settled is closed (its rent back to the fee payer).
 */
import { PublicKey } from "@solana/web3.js";
import { cancelCampaignInstruction } from "../../campaigns/campaign-instructions.js";
import { CampaignStore, TaskStore } from "../../campaigns/campaign-store.js";
import { closeIfDone, noteCompletion, recordTaskSettlement } from "../../campaigns/settle-task.js";
import type { AppContext } from "../../context.js";
import type { DeadlineSweep } from "./registry.js";

async function endCampaign(ctx: AppContext, campaignId: string, account: string, ownerId: string): Promise<void> {
  const { rows } = await ctx.knex.raw(`select wallet_address from agents where id = ?`, [ownerId]);
  const ix = await cancelCampaignInstruction(
    ctx,
    new PublicKey(account),
    new PublicKey(rows[0].wallet_address),
    ctx.platform.feePayer.publicKey,
  );
  await ctx.waitForSlot((await ctx.tx.execute(`campaign-end:${campaignId}`, "cancel_campaign", [ix])).slot);
}

export const campaignLifecycle: DeadlineSweep = {
  name: "campaign-lifecycle",
  async runDue(ctx, now) {
    let done = 0;
    const step = async (what: string, id: string, run: () => Promise<unknown>) => {
      try {
        if ((await run()) !== false) done += 1;
      } catch (err) {
        ctx.log.error({ err, id, what }, "campaign lifecycle step failed");
      }
    };
    for (const task of await new TaskStore(ctx.knex).closedUnrecorded())
      await step("record settlement", task.id, () => recordTaskSettlement(ctx, task.id));
    const store = new CampaignStore(ctx.knex);
    for (const c of await store.liveIn(["active", "paused", "completed"])) {
      if (c.status === "completed") await step("completion", c.id, () => noteCompletion(ctx, c.id));
      if (c.ends_at && BigInt(c.ends_at) < now)
        await step("end", c.id, () => endCampaign(ctx, c.id, c.campaign_pubkey, c.owner_agent_id));
    }
    const { rows: closable } = await ctx.knex.raw(
      `select c.id from campaigns c join chain_campaign cc on cc.pubkey = c.campaign_pubkey
        where cc.closed_at is null and lower(cc.status) = 'cancelled' and cc.active_claims = 0`,
    );
    for (const { id } of closable as { id: string }[]) await step("close", id, () => closeIfDone(ctx, id));
    return done;
  },
};
