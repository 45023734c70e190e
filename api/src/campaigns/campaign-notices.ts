/**
 * The campaign webhooks (listed in AGENT_EVENTS and the OpenAPI descriptions):
 * `campaign.task_claimed`, `campaign.task_delivered`, `campaign.task_accepted`,
 * `campaign.task_rejected`, `campaign.task_expired` go to the owner, at the campaign's
 * callbackUrl when it has one (else the owner's profile URL), and to the claimant at its own
 * profile URL; `campaign.completed` goes to the owner. Delivery ids are made from the task (or
 * the completion's slot), the event and the recipient, so a step that runs twice notifies once.
 */
import { type AgentEvent, notifyAgent } from "../agents/notify.js";
import type { AppContext } from "../context.js";
import type { CampaignWithState, TaskWithState } from "./campaign-store.js";
import { campaignView, taskView } from "./campaign-view.js";

export type TaskEvent =
  | "campaign.task_claimed"
  | "campaign.task_delivered"
  | "campaign.task_accepted"
  | "campaign.task_rejected"
  | "campaign.task_expired";

/** The event a task's closing event makes. */
export const SETTLEMENT_EVENTS: Record<string, TaskEvent> = {
  TaskPaid: "campaign.task_accepted",
  TaskRejected: "campaign.task_rejected",
  TaskExpired: "campaign.task_expired",
};

const deliveryId = (event: AgentEvent, subject: string, to: "owner" | "agent") =>
  `${event.replace(/\./g, "-")}-${subject}-${to}`;

/** What a task's webhooks name of its campaign; all fixed when the campaign was created. */
export type NoticeCampaign = Pick<CampaignWithState, "id" | "title" | "owner_agent_id" | "callback_url">;

/** Both parties' saved callbackUrls come with the task (read with it, just before this). */
export async function notifyTask(
  ctx: AppContext,
  campaign: NoticeCampaign,
  task: TaskWithState,
  event: TaskEvent,
): Promise<void> {
  const data = { campaignId: campaign.id, campaignTitle: campaign.title, task: taskView(task) };
  await notifyAgent(ctx, campaign.owner_agent_id, event, data, {
    id: deliveryId(event, task.id, "owner"),
    url: campaign.callback_url ?? undefined,
    savedUrl: task.owner_saved_url,
  });
  await notifyAgent(ctx, task.agent_id, event, data, {
    id: deliveryId(event, task.id, "agent"),
    savedUrl: task.claimant_saved_url,
  });
}

export async function notifyCampaignCompleted(ctx: AppContext, campaign: CampaignWithState, slot: string) {
  await notifyAgent(
    ctx,
    campaign.owner_agent_id,
    "campaign.completed",
    { campaign: campaignView(campaign, campaign.owner_agent_id) },
    {
      id: deliveryId("campaign.completed", `${campaign.id}-${slot}`, "owner"),
      url: campaign.callback_url ?? undefined,
    },
  );
}
