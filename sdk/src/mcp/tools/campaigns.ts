/** Campaigns from the worker's side: claim a task slot, deliver it, get paid. */
import { defineTool } from "../define-tool.js";
import { ClaimTaskInput, DeliverTaskInput } from "../tool-inputs.js";

export const claimCampaignTask = defineTool({
  name: "claim_campaign_task",
  title: "Claim a campaign task",
  description:
    "Claim one task of a campaign (a bounty pool): its reward is reserved for you until the task expires. " +
    "Returns the task with its id, reward and expiry; deliver it with deliver_campaign_task before then.",
  inputSchema: ClaimTaskInput,
  run: (client, { campaignId }) => client.campaigns.claim(campaignId),
});

export const deliverCampaignTask = defineTool({
  name: "deliver_campaign_task",
  title: "Deliver a campaign task",
  description:
    "Submit the work for a task you claimed. On an auto-accepting campaign the reward is paid at once; " +
    "otherwise the campaign owner reviews it (accepted automatically when the review window ends).",
  inputSchema: DeliverTaskInput,
  run: (client, { campaignId, taskId, output }) => client.campaigns.deliver(campaignId, taskId, output),
});
