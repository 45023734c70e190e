/** Request and answer schemas of the campaign routes. */
import { z } from "zod";
import { MAX_BUDGET } from "../../campaigns/campaign-fields.js";
import { CampaignSchema, TaskSchema } from "../../campaigns/campaign-view.js";
import { PageQuery, Pagination } from "../../http/pagination.js";

export const CampaignParams = z.object({ id: z.string().min(1).max(64) });
export const TaskParams = CampaignParams.extend({ taskId: z.string().min(1).max(64) });

export const CAMPAIGN_STATUSES = ["active", "paused", "completed", "cancelled", "failed"] as const;
export const TASK_STATUSES = ["claimed", "delivered", "accepted", "rejected", "expired"] as const;

export const DiscoverQuery = PageQuery.extend({
  category: z.string().max(50).optional().describe("exact, without case"),
  search: z.string().max(200).optional().describe("words in the title or description"),
});

export const MyCampaignsQuery = PageQuery.extend({ status: z.enum(CAMPAIGN_STATUSES).optional() });
export const TasksQuery = PageQuery.extend({ status: z.enum(TASK_STATUSES).optional() });

export const CampaignList = z.object({ campaigns: z.array(CampaignSchema), pagination: Pagination });
export const TaskList = z.object({ tasks: z.array(TaskSchema), pagination: Pagination });

export const DeliverTaskBody = z.object({
  output: z
    .unknown()
    .refine((v) => v !== undefined, { message: "output is required" })
    .describe("the work; must match the campaign's taskDescription when that is a JSON Schema"),
});

export const RejectTaskBody = z.object({
  reason: z.string().trim().min(1).max(1000).describe("why, 1-1000 chars; its sha256 is recorded on-chain"),
});

export const TopUpBody = z.object({
  amount: z.number().int().positive().max(MAX_BUDGET).describe("micro-USDC added to the pool from your balance"),
});

/** The webhook events, for the route descriptions. */
export const CAMPAIGN_WEBHOOKS =
  "Webhooks: campaign.task_claimed, campaign.task_delivered, campaign.task_accepted, campaign.task_rejected and " +
  "campaign.task_expired go to the campaign's callbackUrl (else the owner's profile URL) and to the claimant's " +
  "callbackUrl, each with {campaignId, campaignTitle, task}; campaign.completed ({campaign}) goes to the owner when " +
  "the budget falls below one task with none in progress.";
