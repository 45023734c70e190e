/**
 * Settling a job: `release` (accept-delivery, or the auto-accept crank) or `refund` (cancel, or
 * the expiry crank), then the bookkeeping. Two settlers may race (the client
 * and a sweep, or two sweepers): the program refuses the second, with InvalidStatus or, once
 * the account closed, an owner or data error. That refusal means "already settled", so it is
 * done, not an error: the outcome is read from the JobSettled event whoever sent it. The
 * webhook follows that event too (api/src/jobs/job-event-notices.ts), not this code.
 */
import { PublicKey, type TransactionInstruction } from "@solana/web3.js";
import type { AppContext } from "../context.js";
import { TxProgramError } from "../tx/errors.js";
import { refundInstruction, releaseInstruction } from "./job-instructions.js";
import { promoteQueued } from "./job-queue.js";
import { JobStore, type JobWithState } from "./job-store.js";
import { partyWallets } from "./party-wallets.js";

const ALREADY_SETTLED = new Set(["InvalidStatus", "InvalidOwner", "InvalidAccountData"]);

export type Settlement = "release" | "refund";

export interface SettleOptions {
  how: Settlement;
  /** Who signs: the client's wallet, or the fee payer as the crank's "anyone". */
  authority: PublicKey;
  /** The outbox key: one per job and path, so a retry executes once. */
  key: string;
}

async function accountClosed(ctx: AppContext, job: JobWithState): Promise<boolean> {
  const { rows } = await ctx.knex.raw(`select closed_at from chain_job where pubkey = ?`, [job.job_pubkey]);
  return rows[0]?.closed_at != null;
}

/** The program's JobOutcome names; the event decoder may write one in any case, or as `{"released": {}}`. */
const OUTCOMES = [
  "Released",
  "AutoReleased",
  "Cancelled",
  "Expired",
  "DisputeClientWon",
  "DisputeProviderWon",
  "DisputeSplit",
];

/**
 * Marks the job settled with the outcome of its newest JobSettled event, named as OUTCOMES
 * spells it (null when the event is missing), in one statement.
 */
async function markSettled(ctx: AppContext, job: JobWithState): Promise<void> {
  await ctx.knex.raw(
    `update jobs set phase = 'settled', updated_at = now(), outcome = (
       select coalesce(known.name, settled.name)
         from (select case jsonb_typeof(e.data->'outcome')
                        when 'object' then (select k from jsonb_object_keys(e.data->'outcome') k limit 1)
                        else e.data->>'outcome' end as name
                 from events e where e.name = 'JobSettled' and e.mentions @> ?::text[]
                order by e.slot desc limit 1) settled
         left join lateral (select n as name from unnest(?::text[]) n where lower(n) = lower(settled.name) limit 1) known
           on true)
      where id = ?`,
    [[job.job_pubkey], OUTCOMES, job.id],
  );
}

/** Settles the job and answers it as it now is. Throws the program's refusal unless it means "done". */
export async function settleJob(ctx: AppContext, job: JobWithState, o: SettleOptions): Promise<JobWithState> {
  const account = new PublicKey(job.job_pubkey);
  const wallets = await partyWallets(ctx, job);
  const ix =
    o.how === "release"
      ? await releaseInstruction(ctx, o.authority, account, wallets.provider)
      : await refundInstruction(ctx, o.authority, account, wallets.client);
  await landSettlement(ctx, job, o.key, o.how, ix);
  return recordSettlement(ctx, job);
}

/**
 * Executes a settling instruction (release, refund, resolve_dispute) under `key` and waits for
 * the index. A refusal that means "already settled" returns normally once the mirror shows the
 * account closed; any other error is thrown.
 */
export async function landSettlement(
  ctx: AppContext,
  job: JobWithState,
  key: string,
  label: string,
  ix: TransactionInstruction,
): Promise<void> {
  try {
    const landed = await ctx.tx.execute(key, label, [ix]);
    await ctx.waitForSlot(landed.slot);
  } catch (e) {
    if (!(e instanceof TxProgramError && ALREADY_SETTLED.has(e.errorName ?? ""))) throw e;
    await ctx.waitForSlot(await ctx.chain.getSlot());
    if (!(await accountClosed(ctx, job))) throw e;
  }
}

/**
 * The bookkeeping after a job's account closed, whoever closed it: the outcome from the
 * JobSettled event, the freed slot's promotion, and an open job's
 * applications still pending (nobody was chosen) closed as rejected.
 */
export async function recordSettlement(ctx: AppContext, job: JobWithState): Promise<JobWithState> {
  await markSettled(ctx, job);
  // Only an open job has applications.
  if (job.type === "open")
    await ctx.knex("job_applications").where({ job_id: job.id, status: "pending" }).update({ status: "rejected" });
  const settled = (await new JobStore(ctx.knex).find(job.id, { queueWaiting: true })) as JobWithState;
  await promoteQueued(ctx, job.service_id, settled.queue_waiting);
  return settled;
}
