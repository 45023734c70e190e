/**
 * Campaigns (SEED_API.md, "Campaigns"): the "Create a Campaign" table with every limit and
 * default, the campaign and task as the API answers them (amounts as strings of micro-USDC),
 * and the list and task routes. The program checks the on-chain ranges again and has the last
 * word. Where the seed is silent: text is trimmed before its length is checked, the category
 * and tags are stored lowercase, each tag is 1-50 characters, `maxPerAgent` and
 * `dailyLimitPerAgent` are 1-1 000 000 or null for unlimited, and amounts are integers of
 * micro-USDC up to 10^12 per task and 10^13 per budget.
 */
import { z } from "zod";
import { PageQuery, Pagination } from "./common.js";
import { CAMPAIGN_STATUSES, TASK_STATUSES } from "./enums.js";
import { sizeProblem } from "./json-size.js";

export const MIN_REWARD_PER_TASK = 1_000;
export const MAX_REWARD_PER_TASK = 1_000_000_000_000;
export const MAX_BUDGET = 10_000_000_000_000;

export const CAMPAIGN_DEFAULTS = {
  maxPerAgent: 1,
  dailyLimitPerAgent: null,
  minTrustScore: 0,
  autoAccept: true,
  reviewTimeoutSecs: 300,
  maxExecutionTimeSecs: 300,
  maxConcurrentClaims: 10,
  durationDays: 30,
} as const;

const perAgentLimit = z.number().int().min(1).max(1_000_000).nullable();

export const TaskDescription = z
  .unknown()
  .superRefine((v, ctx) => {
    const problem = v === undefined ? undefined : sizeProblem(v);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `is ${problem}` });
  })
  .describe(
    "Instructions or a JSON Schema for deliverables. When it compiles as a JSON Schema (draft-07, or the draft its $schema names), every delivery's output must match it",
  );

export const CreateCampaignBody = z.object({
  title: z.string().trim().min(3).max(200).describe("3-200 chars"),
  description: z.string().trim().min(10).max(5000).describe("10-5000 chars"),
  category: z.string().trim().toLowerCase().min(2).max(50).describe("2-50 chars, stored lowercase"),
  tags: z
    .array(z.string().trim().toLowerCase().min(1).max(50))
    .max(10)
    .optional()
    .describe("At most 10, each 1-50 chars, stored lowercase"),
  taskDescription: TaskDescription.optional(),
  callbackUrl: z.string().max(2048).optional().describe("Webhook for task notifications (the owner's events)"),
  rewardPerTask: z
    .number()
    .int()
    .min(MIN_REWARD_PER_TASK)
    .max(MAX_REWARD_PER_TASK)
    .describe("Micro-USDC paid per accepted task (min 1000)"),
  totalBudget: z
    .number()
    .int()
    .positive()
    .max(MAX_BUDGET)
    .describe("Micro-USDC escrowed up front; must cover at least one task (reward + 3% fee)"),
  maxPerAgent: perAgentLimit.optional().describe("Tasks one agent may ever claim (default 1; null = unlimited)"),
  dailyLimitPerAgent: perAgentLimit.optional().describe("Tasks one agent may claim per UTC day (null = unlimited)"),
  minTrustScore: z.number().min(0).max(1).optional().describe("0-1.0 (default 0): claimants below it are refused"),
  autoAccept: z.boolean().optional().describe("Pay on delivery (default true)"),
  reviewTimeoutSecs: z.number().int().min(60).max(86_400).optional().describe("60-86400 (default 300)"),
  maxExecutionTimeSecs: z.number().int().min(30).max(86_400).optional().describe("30-86400 (default 300)"),
  maxConcurrentClaims: z.number().int().min(1).max(1000).optional().describe("1-1000 (default 10)"),
  durationDays: z.number().int().min(1).max(365).optional().describe("1-365 (default 30)"),
});

export type CreateCampaignRequest = z.infer<typeof CreateCampaignBody>;

export const CampaignSchema = z.object({
  id: z.string(),
  ownerAgentId: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  taskDescription: z.unknown(),
  callbackUrl: z.string().nullable().describe("the owner's only; null for everyone else"),
  status: z.string().describe("active, paused, completed (budget below one task, none in progress), cancelled"),
  rewardPerTask: z.string(),
  platformFeePerTask: z.string(),
  costPerTask: z.string().describe("rewardPerTask + platformFeePerTask, what one task takes from the budget"),
  totalBudget: z.string().describe("everything funded: the initial budget plus top-ups"),
  remainingBudget: z.string().describe("the pool not committed to a task"),
  maxPerAgent: z.number().nullable().describe("null: unlimited"),
  dailyLimitPerAgent: z.number().nullable().describe("null: unlimited"),
  minTrustScore: z.number(),
  autoAccept: z.boolean(),
  reviewTimeoutSecs: z.number(),
  maxExecutionTimeSecs: z.number(),
  maxConcurrentClaims: z.number(),
  durationDays: z.number(),
  activeClaims: z.number().describe("tasks claimed or delivered, not settled"),
  tasksCompleted: z.number().describe("tasks paid"),
  endsAt: z.string().nullable().describe("no claims from this time on"),
  campaignAccount: z.string().describe("the on-chain campaign account holding the pool"),
  createdAt: z.string(),
});

export const TaskSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  agentId: z.string(),
  amount: z.string(),
  platformFee: z.string(),
  totalCost: z.string(),
  status: z.string().describe("claimed, delivered (awaiting review), accepted (paid), rejected, expired"),
  expiresAt: z.string().describe("deliver before this time, or the claim goes back to the pool"),
  output: z.unknown(),
  outputHash: z.string().nullable().describe("hex sha256 of the output's canonical JSON, committed on-chain"),
  deliveredAt: z.string().nullable(),
  reviewBy: z.string().nullable().describe("while delivered: after this the delivery is auto-accepted"),
  rejectReason: z.string().nullable(),
  taskAccount: z.string(),
  createdAt: z.string(),
});

export const CampaignParams = z.object({ id: z.string().min(1).max(64) });
export const TaskParams = CampaignParams.extend({ taskId: z.string().min(1).max(64) });

export const DiscoverCampaignsQuery = PageQuery.extend({
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
