/**
 * A campaign and a task as the API answers them (SEED_API.md, "Campaigns"): amounts as strings
 * of micro-USDC, times as ISO 8601. A campaign's callbackUrl is shown to its owner only.
 */

import type { CampaignSchema, TaskSchema } from "@justpay/sdk/schemas";
import type { z } from "zod";
import type { CampaignWithState, TaskWithState } from "./campaign-store.js";

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
