/**
 * What both task deadline sweeps share: close every task `due` lists with the instruction
 * `ixFor` builds, under an outbox key per sweep and task, one failing task logged without
 * stopping the rest; a task someone else closed first counts as done (crankTask).
 */
import type { TransactionInstruction } from "@solana/web3.js";
import type { TaskAccounts } from "../../campaigns/campaign-instructions.js";
import {
  CampaignStore,
  type CampaignWithState,
  TaskStore,
  type TaskWithState,
} from "../../campaigns/campaign-store.js";
import { crankTask, taskAccounts } from "../../campaigns/settle-task.js";
import type { AppContext } from "../../context.js";
import type { DeadlineSweep } from "./registry.js";

export function campaignTaskSweep(
  name: string,
  key: string,
  label: string,
  due: (store: TaskStore, now: bigint) => Promise<TaskWithState[]>,
  ixFor: (ctx: AppContext, accounts: TaskAccounts) => Promise<TransactionInstruction>,
  after: (ctx: AppContext) => Promise<number> = async () => 0,
): DeadlineSweep {
  return {
    name,
    async runDue(ctx, now) {
      let cranked = 0;
      const campaigns = new CampaignStore(ctx.knex);
      for (const task of await due(new TaskStore(ctx.knex), now)) {
        try {
          const campaign = (await campaigns.find(task.campaign_id)) as CampaignWithState;
          const ix = await ixFor(ctx, await taskAccounts(ctx, campaign, task));
          await crankTask(ctx, task, `${key}:${task.id}`, label, ix);
          cranked += 1;
        } catch (err) {
          ctx.log.error({ err, taskId: task.id, sweep: name }, "campaign task deadline crank failed");
        }
      }
      return cranked + (await after(ctx));
    },
  };
}
