/**
 * Campaigns and their tasks as the API knows them: what never goes on-chain (title,
 * description, category, tags, taskDescription, callbackUrl, minTrustScore, a task's output
 * and rejection reason) beside the addresses of the on-chain accounts that hold the money.
 * The money, the counters and the chain statuses are the mirror's (`chain_campaign`,
 * `chain_task`, `chain_campaign_quota`, `events`).
 *
 * `phase` is the API's bookkeeping: a campaign is `creating` until create_campaign landed,
 * `live` afterwards, `failed` when the program refused it (nothing locked). A task is
 * `claiming` until claim_task landed, `live` while its account exists, `settled` once the
 * step or sweep that closed it sent its webhooks, `failed` when the claim was refused.
 */
import { EntitySchema } from "@mikro-orm/core";

export type CampaignPhase = "creating" | "live" | "failed";
export type TaskPhase = "claiming" | "live" | "settled" | "failed";

export interface CampaignRow {
  id: string;
  owner_agent_id: string;
  /** The owner-chosen u64 of the campaign PDA, as a decimal string. */
  chain_id: string;
  campaign_pubkey: string;
  title: string;
  description: string;
  category: string;
  tags: string[];
  task_description: unknown;
  callback_url: string | null;
  min_trust_score: number;
  reward: string;
  fee: string;
  /** Everything ever funded: the initial budget plus the top-ups. */
  total_budget: string;
  /** Null: unlimited (0 on-chain). */
  max_per_agent: number | null;
  daily_limit: number | null;
  auto_accept: boolean;
  review_timeout_secs: number;
  max_execution_time_secs: number;
  max_concurrent_claims: number;
  duration_days: number;
  phase: CampaignPhase;
  error: string | null;
  idempotency_key: string | null;
  /** Slot of the last CampaignCompleted event whose webhook was sent. */
  completion_notified_slot: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface CampaignTaskRow {
  id: string;
  campaign_id: string;
  agent_id: string;
  task_pubkey: string;
  /** The claimant's claim number on this campaign (the task PDA's index). */
  index: number;
  amount: string;
  fee: string;
  phase: TaskPhase;
  error: string | null;
  idempotency_key: string | null;
  output: unknown;
  /** Hex sha256 of the output's canonical JSON, as committed by deliver_task. */
  output_hash: string | null;
  reject_reason: string | null;
  expires_at: Date;
  delivered_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const Campaign = new EntitySchema<CampaignRow>({
  name: "Campaign",
  tableName: "campaigns",
  properties: {
    id: { type: "string", columnType: "text", primary: true },
    owner_agent_id: { type: "string", columnType: "text" },
    chain_id: { type: "string", columnType: "numeric(20,0)" },
    campaign_pubkey: { type: "string", columnType: "text" },
    title: { type: "string", columnType: "text" },
    description: { type: "string", columnType: "text" },
    category: { type: "string", columnType: "text" },
    tags: { type: "json", columnType: "jsonb" },
    task_description: { type: "json", columnType: "jsonb", nullable: true },
    callback_url: { type: "string", columnType: "text", nullable: true },
    min_trust_score: { type: "double", columnType: "float8", default: 0 },
    reward: { type: "string", columnType: "numeric(20,0)" },
    fee: { type: "string", columnType: "numeric(20,0)" },
    total_budget: { type: "string", columnType: "numeric(20,0)" },
    max_per_agent: { type: "number", columnType: "int", nullable: true },
    daily_limit: { type: "number", columnType: "int", nullable: true },
    auto_accept: { type: "boolean", columnType: "boolean" },
    review_timeout_secs: { type: "number", columnType: "int" },
    max_execution_time_secs: { type: "number", columnType: "int" },
    max_concurrent_claims: { type: "number", columnType: "int" },
    duration_days: { type: "number", columnType: "int" },
    phase: { type: "string", columnType: "text" },
    error: { type: "string", columnType: "text", nullable: true },
    idempotency_key: { type: "string", columnType: "text", nullable: true },
    completion_notified_slot: { type: "string", columnType: "bigint", nullable: true },
    created_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
    updated_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
  },
  indexes: [
    { name: "campaigns_owner_index", properties: ["owner_agent_id", "created_at"] },
    { name: "campaigns_pubkey_index", properties: ["campaign_pubkey"] },
  ],
  uniques: [{ name: "campaigns_owner_key_unique", properties: ["owner_agent_id", "idempotency_key"] }],
});

export const CampaignTask = new EntitySchema<CampaignTaskRow>({
  name: "CampaignTask",
  tableName: "campaign_tasks",
  properties: {
    id: { type: "string", columnType: "text", primary: true },
    campaign_id: { type: "string", columnType: "text" },
    agent_id: { type: "string", columnType: "text" },
    task_pubkey: { type: "string", columnType: "text" },
    index: { type: "number", columnType: "int" },
    amount: { type: "string", columnType: "numeric(20,0)" },
    fee: { type: "string", columnType: "numeric(20,0)" },
    phase: { type: "string", columnType: "text" },
    error: { type: "string", columnType: "text", nullable: true },
    idempotency_key: { type: "string", columnType: "text", nullable: true },
    output: { type: "json", columnType: "jsonb", nullable: true },
    output_hash: { type: "string", columnType: "text", nullable: true },
    reject_reason: { type: "string", columnType: "text", nullable: true },
    expires_at: { type: "Date", columnType: "timestamptz" },
    delivered_at: { type: "Date", columnType: "timestamptz", nullable: true },
    created_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
    updated_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
  },
  indexes: [
    { name: "campaign_tasks_campaign_index", properties: ["campaign_id", "created_at"] },
    { name: "campaign_tasks_agent_index", properties: ["agent_id", "campaign_id"] },
    { name: "campaign_tasks_pubkey_index", properties: ["task_pubkey"] },
    { name: "campaign_tasks_phase_index", properties: ["phase"] },
  ],
  uniques: [{ name: "campaign_tasks_agent_key_unique", properties: ["agent_id", "idempotency_key"] }],
});
