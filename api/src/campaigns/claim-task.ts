/**
 * `POST /campaigns/:id/claim`: the API's policy, then claim_task co-signed by the operator.
 * The operator signs only when the claimant's trust score (the persisted agent_reputation,
 * NEW_AGENT_TRUST_SCORE without history) reaches the campaign's minTrustScore: a 403 says both
 * numbers. The program's own limits (status, end, pool, concurrency, per-agent and daily
 * limits) are checked first against the mirror so the usual refusals carry a reason, and the
 * program checks them again with the last word.
 *
 * The task's address is the claimant's next index in its quota, so one agent's claims on one
 * campaign are made one at a time: under a transaction-scoped advisory lock, in one statement
 * (`justpay_write_claim`), the row is written with the mirrored quota's total_claims as its
 * index, and a second claim while one is still landing is a 409. The outbox key derives from the row, found again by Idempotency-Key.
 */

import type { AgentRow } from "@justpay/db";
import { PublicKey } from "@solana/web3.js";
import type { AppContext } from "../context.js";
import { newId } from "../db/ids.js";
import { badRequest, conflict, forbidden, notFound } from "../http/http-error.js";
import { providerReputationSql } from "../services/provider-reputation.js";
import { TxProgramError } from "../tx/errors.js";
import { claimTaskInstruction, quotaPda, taskPda } from "./campaign-instructions.js";
import { notifyTask } from "./campaign-notices.js";
import { CampaignStore, type CampaignWithState, TaskStore, type TaskWithState } from "./campaign-store.js";
import { scheduleTaskCrank } from "./task-cranks.js";

const DAY = 86_400n;

async function trustScoreOf(ctx: AppContext, agentId: string): Promise<number> {
  const { rows } = await ctx.knex.raw(`select trust_score from (${providerReputationSql()}) r where r.agent_id = ?`, [
    agentId,
  ]);
  return rows[0]?.trust_score ?? 0;
}

interface Quota {
  total_claims: string;
  day: string;
  claims_today: string;
}

/** The claimant's mirrored quota, as admission reads it (the claim's write checks it again). */
async function quotaOf(ctx: AppContext, campaign: CampaignWithState, wallet: PublicKey): Promise<Quota | undefined> {
  const quota = quotaPda(ctx.chain.programId, new PublicKey(campaign.campaign_pubkey), wallet).address;
  const { rows } = await ctx.knex.raw(
    `select total_claims, day, claims_today from chain_campaign_quota where pubkey = ? and closed_at is null`,
    [quota.toBase58()],
  );
  return rows[0];
}

/** The program's claim checks, in its order, against the mirror; then the trust gate. */
async function admitClaim(
  ctx: AppContext,
  agent: AgentRow,
  c: CampaignWithState,
  now: bigint,
): Promise<Quota | undefined> {
  if (c.owner_agent_id === agent.id) throw badRequest("You cannot claim tasks of your own campaign");
  if (c.status === "completed") throw conflict("Campaign budget is exhausted: it cannot cover another task");
  if (c.status !== "active") throw conflict(`Campaign is not accepting claims (it is ${c.status})`);
  if (c.ends_at && now >= BigInt(c.ends_at)) throw conflict("Campaign has ended");
  if (BigInt(c.pool) < BigInt(c.reward) + BigInt(c.fee))
    throw conflict("Campaign budget is exhausted: it cannot cover another task");
  if (c.active_claims >= c.max_concurrent_claims)
    throw conflict(`Campaign has the maximum of ${c.max_concurrent_claims} tasks in progress; retry later`);
  const quota = await quotaOf(ctx, c, new PublicKey(agent.wallet_address));
  if (quota && c.max_per_agent !== null && Number(quota.total_claims) >= c.max_per_agent)
    throw conflict(`You reached this campaign's limit of ${c.max_per_agent} task(s) per agent`);
  if (quota && c.daily_limit !== null && BigInt(quota.day) === now / DAY && Number(quota.claims_today) >= c.daily_limit)
    throw conflict(`You reached this campaign's daily limit of ${c.daily_limit} task(s) per agent`);
  const trust = await trustScoreOf(ctx, agent.id);
  if (trust < c.min_trust_score)
    throw forbidden(
      `Your trust score ${trust.toFixed(2)} is below this campaign's minimum trust score of ${c.min_trust_score}`,
    );
  return quota;
}

/** The fields of a written claim row that landing it needs. */
type WrittenClaim = Pick<TaskWithState, "id" | "index" | "task_pubkey">;

/**
 * Writes the task row under the (campaign, agent) lock, at the quota's next index, in one round
 * trip (`justpay_write_claim`, see its migration). `expectedIndex` is the quota as admission read
 * it; when another claim moved it meanwhile, the address is derived again for the new index.
 */
async function writeClaim(
  ctx: AppContext,
  agent: AgentRow,
  c: CampaignWithState,
  now: bigint,
  key: string | null,
  expectedIndex: number,
): Promise<WrittenClaim> {
  const wallet = new PublicKey(agent.wallet_address);
  const quotaAddress = quotaPda(ctx.chain.programId, new PublicKey(c.campaign_pubkey), wallet).address;
  let index = expectedIndex;
  for (;;) {
    const row = {
      id: newId(),
      campaign_id: c.id,
      agent_id: agent.id,
      task_pubkey: taskPda(ctx.chain.programId, quotaAddress, index).address.toBase58(),
      index,
      amount: c.reward,
      fee: c.fee,
      idempotency_key: key,
      expires_at: new Date(Number(now + BigInt(c.max_execution_time_secs)) * 1000).toISOString(),
    };
    const { rows } = await ctx.knex.raw(`select * from justpay_write_claim(?::jsonb, ?)`, [
      JSON.stringify(row),
      quotaAddress.toBase58(),
    ]);
    const written = rows[0] as { refusal: "in_progress" | "index_moved" | null; next_index: number | null };
    if (written.refusal === "in_progress")
      throw conflict("Another claim of yours on this campaign is in progress; retry shortly");
    if (written.refusal === null) return row;
    index = written.next_index!;
  }
}

/** Runs claim_task for a written row (again on a retry) and records the deadline the program set. */
async function landClaim(ctx: AppContext, agent: AgentRow, c: CampaignWithState, t: WrittenClaim) {
  const ix = await claimTaskInstruction(
    ctx,
    new PublicKey(c.campaign_pubkey),
    new PublicKey(agent.wallet_address),
    t.index,
  );
  try {
    const landed = await ctx.tx.execute(`campaign-claim:${t.id}`, "claim_task", [ix]);
    await ctx.waitForSlot(landed.slot);
  } catch (e) {
    if (e instanceof TxProgramError) await new TaskStore(ctx.knex).update(t.id, { phase: "failed", error: e.message });
    throw e;
  }
  // The program's deadline, from the mirrored task account (the row's own estimate if it is gone).
  const { rows } = await ctx.knex.raw(
    `update campaign_tasks t set phase = 'live', updated_at = now(),
        expires_at = coalesce((select to_timestamp(ct.expires_at) from chain_task ct where ct.pubkey = t.task_pubkey), t.expires_at)
      where t.id = ? returning extract(epoch from t.expires_at)::bigint::text as expires_at`,
    [t.id],
  );
  await scheduleTaskCrank(ctx, t.id, "expires_at", BigInt(rows[0].expires_at));
}

export async function claimTask(
  ctx: AppContext,
  agent: AgentRow,
  campaignId: string,
  key: string | null,
): Promise<TaskWithState> {
  const campaign = await new CampaignStore(ctx.knex).find(campaignId);
  if (campaign?.phase !== "live") throw notFound("Campaign not found");
  const tasks = new TaskStore(ctx.knex);
  const known = key ? await tasks.findByKey(agent.id, key) : undefined;
  if (known && known.campaign_id !== campaign.id) throw conflict("This Idempotency-Key was used for another campaign");
  let taskId: string;
  if (known) {
    taskId = known.id;
    if (known.phase === "claiming") await landClaim(ctx, agent, campaign, known);
  } else {
    const now = await ctx.chain.unixTime();
    const quota = await admitClaim(ctx, agent, campaign, now);
    const written = await writeClaim(ctx, agent, campaign, now, key, Number(quota?.total_claims ?? 0));
    taskId = written.id;
    await landClaim(ctx, agent, campaign, written);
  }
  const claimed = (await tasks.find(taskId)) as TaskWithState;
  await notifyTask(ctx, campaign, claimed, "campaign.task_claimed");
  return claimed;
}
