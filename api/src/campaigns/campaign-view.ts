/**
 * A campaign and a task as the API answers them (SEED_API.md, "Campaigns"): amounts as strings
 * of micro-USDC, times as ISO 8601. A campaign's callbackUrl is shown to its owner only.
 */
import { z } from "zod";
import type { CampaignWithState, TaskWithState } from "./campaign-store.js";

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

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());
const unixIso = (s: string | null) => (s && s !== "0" ? new Date(Number(s) * 1000).toISOString() : null);

export function campaignView(c: CampaignWithState, viewerId?: string): z.infer<typeof CampaignSchema> {
  return {
    id: c.id,
    ownerAgentId: c.owner_agent_id,
    title: c.title,
    description: c.description,
    category: c.category,
    tags: c.tags,
    taskDescription: c.task_description ?? null,
    callbackUrl: viewerId === c.owner_agent_id ? c.callback_url : null,
    status: c.status,
    rewardPerTask: String(c.reward),
    platformFeePerTask: String(c.fee),
    costPerTask: (BigInt(c.reward) + BigInt(c.fee)).toString(),
    totalBudget: String(c.funded),
    remainingBudget: String(c.pool),
    maxPerAgent: c.max_per_agent,
    dailyLimitPerAgent: c.daily_limit,
    minTrustScore: c.min_trust_score,
    autoAccept: c.auto_accept,
    reviewTimeoutSecs: c.review_timeout_secs,
    maxExecutionTimeSecs: c.max_execution_time_secs,
    maxConcurrentClaims: c.max_concurrent_claims,
    durationDays: c.duration_days,
    activeClaims: c.active_claims,
    tasksCompleted: c.tasks_completed,
    endsAt: unixIso(c.ends_at),
    campaignAccount: c.campaign_pubkey,
    createdAt: iso(c.created_at) as string,
  };
}

export function taskView(t: TaskWithState): z.infer<typeof TaskSchema> {
  return {
    id: t.id,
    campaignId: t.campaign_id,
    agentId: t.agent_id,
    amount: String(t.amount),
    platformFee: String(t.fee),
    totalCost: (BigInt(t.amount) + BigInt(t.fee)).toString(),
    status: t.status,
    expiresAt: iso(t.expires_at) as string,
    output: t.output ?? null,
    outputHash: t.output_hash,
    deliveredAt: iso(t.delivered_at),
    reviewBy: t.status === "delivered" ? unixIso(t.review_by) : null,
    rejectReason: t.reject_reason,
    taskAccount: t.task_pubkey,
    createdAt: iso(t.created_at) as string,
  };
}
