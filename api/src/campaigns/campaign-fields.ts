/**
 * The seed's "Create a Campaign" table as a zod schema: every limit and default. The program
 * checks the on-chain ranges again and has the last word (InvalidCampaignParams); what only
 * the API keeps (title, description, category, tags, taskDescription, callbackUrl,
 * minTrustScore) is checked here alone. Where the seed is silent: text is trimmed before its
 * length is checked, the category and tags are stored lowercase, each tag is 1-50 characters,
 * `maxPerAgent` and `dailyLimitPerAgent` are 1-1 000 000 or null for unlimited, and amounts
 * are integers of micro-USDC up to 10^12 per task and 10^13 per budget.
 */
import { z } from "zod";
import { sizeProblem } from "../services/json-schema.js";

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

/** The request with the seed's defaults filled in. */
export function withDefaults(r: CreateCampaignRequest) {
  return {
    ...r,
    tags: [...new Set(r.tags ?? [])],
    maxPerAgent: r.maxPerAgent === undefined ? CAMPAIGN_DEFAULTS.maxPerAgent : r.maxPerAgent,
    dailyLimitPerAgent: r.dailyLimitPerAgent ?? CAMPAIGN_DEFAULTS.dailyLimitPerAgent,
    minTrustScore: r.minTrustScore ?? CAMPAIGN_DEFAULTS.minTrustScore,
    autoAccept: r.autoAccept ?? CAMPAIGN_DEFAULTS.autoAccept,
    reviewTimeoutSecs: r.reviewTimeoutSecs ?? CAMPAIGN_DEFAULTS.reviewTimeoutSecs,
    maxExecutionTimeSecs: r.maxExecutionTimeSecs ?? CAMPAIGN_DEFAULTS.maxExecutionTimeSecs,
    maxConcurrentClaims: r.maxConcurrentClaims ?? CAMPAIGN_DEFAULTS.maxConcurrentClaims,
    durationDays: r.durationDays ?? CAMPAIGN_DEFAULTS.durationDays,
  };
}

export type CampaignTermsRequest = ReturnType<typeof withDefaults>;
