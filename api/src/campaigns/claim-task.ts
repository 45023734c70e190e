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
 * index, and a second claim while one is still landing is a 409. The outbox key derives from
 * the row, found again by Idempotency-Key.
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

interface Quota {
  total_claims: string;
  day: string;
  claims_today: string;
}

/**
 * The claimant's mirrored quota (undefined before its first claim), as admission reads it (the
 * claim's write checks it again), and its trust score, in one round trip.
 */
async function quotaAndTrustOf(
  ctx: AppContext,
  campaign: CampaignWithState,
  agent: AgentRow,
): Promise<{ quota: Quota | undefined; trust: number }> {
  const wallet = new PublicKey(agent.wallet_address);
  const quota = quotaPda(ctx.chain.programId, new PublicKey(campaign.campaign_pubkey), wallet).address;
  const { rows } = await ctx.knex.raw(
    `select q.total_claims, q.day, q.claims_today,
            (select r.trust_score from (${providerReputationSql()}) r where r.agent_id = ?) as trust_score
       from (select 1) one left join chain_campaign_quota q on q.pubkey = ? and q.closed_at is null`,
    [agent.id, quota.toBase58()],
  );
  const { total_claims, day, claims_today, trust_score } = rows[0];
  return {
    quota: total_claims === null ? undefined : { total_claims, day, claims_today },
    trust: trust_score ?? 0,
  };
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
  const { quota, trust } = await quotaAndTrustOf(ctx, c, agent);
  if (quota && c.max_per_agent !== null && Number(quota.total_claims) >= c.max_per_agent)
    throw conflict(`You reached this campaign's limit of ${c.max_per_agent} task(s) per agent`);
  if (quota && c.daily_limit !== null && BigInt(quota.day) === now / DAY && Number(quota.claims_today) >= c.daily_limit)
    throw conflict(`You reached this campaign's daily limit of ${c.daily_limit} task(s) per agent`);
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
async function landClaim(
  ctx: AppContext,
  agent: AgentRow,
  c: CampaignWithState,
  t: WrittenClaim,
): Promise<TaskWithState> {
  const ix = await claimTaskInstruction(
    ctx,
    new PublicKey(c.campaign_pubkey),
    new PublicKey(agent.wallet_address),
    t.index,
  );
  const tasks = new TaskStore(ctx.knex);
  try {
    const landed = await ctx.tx.execute(`campaign-claim:${t.id}`, "claim_task", [ix]);
    await ctx.waitForSlot(landed.slot);
  } catch (e) {
    if (e instanceof TxProgramError) await tasks.update(t.id, { phase: "failed", error: e.message });
    throw e;
  }
  const { expires_unix, ...live } = await tasks.markLive(t.id);
  await scheduleTaskCrank(ctx, t.id, "expires_at", BigInt(expires_unix));
  return live;
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
  let claimed: TaskWithState;
  if (known) {
    // A replay: the claim as just read, landed first if its request died before it did.
    claimed = known.phase === "claiming" ? await landClaim(ctx, agent, campaign, known) : known;
  } else {
    const now = await ctx.chain.unixTime();
    const quota = await admitClaim(ctx, agent, campaign, now);
    const written = await writeClaim(ctx, agent, campaign, now, key, Number(quota?.total_claims ?? 0));
    claimed = await landClaim(ctx, agent, campaign, written);
  }
  await notifyTask(ctx, campaign, claimed, "campaign.task_claimed");
  return claimed;
}
