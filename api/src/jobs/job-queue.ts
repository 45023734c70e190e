/**
 * Promoting queued jobs when a slot of their service frees (a delivery, a settlement): the
 * oldest first, as many as there are free slots, chosen under the service row's lock so two
 * promoters never fill one slot twice. Most deliveries and settlements free a slot nobody waits
 * for, so one unlocked read asks first whether any job of the service waits live; only then is
 * the lock taken (a job queued after that read becomes live later, and its creation promotes
 * then: api/src/jobs/create-direct-job.ts). A promoted job of an autoAccept service is accepted
 * on-chain (accept_job, signed by the provider's custodial wallet); otherwise it becomes
 * `pending` for the provider to accept. A promotion whose accept fails (its deadline passed,
 * say) is logged: the expiry sweep refunds that job.
 */
import { PublicKey } from "@solana/web3.js";
import type { AppContext } from "../context.js";
import { acceptJobInstruction } from "./job-instructions.js";
import { partyWallets } from "./party-wallets.js";

interface Promoted {
  id: string;
  job_pubkey: string;
  client_agent_id: string;
  provider_agent_id: string;
}

async function takeFreeSlots(ctx: AppContext, serviceId: string): Promise<{ jobs: Promoted[]; autoAccept: boolean }> {
  return ctx.knex.transaction(async (trx) => {
    const { rows: services } = await trx.raw(
      `select max_concurrent_jobs, auto_accept from services where id = ? for update`,
      [serviceId],
    );
    const service = services[0] as { max_concurrent_jobs: number; auto_accept: boolean } | undefined;
    if (!service) return { jobs: [], autoAccept: false };
    const { rows } = await trx.raw(
      `update jobs set queued = false, updated_at = now()
        where id in (select id from jobs where service_id = :id and queued and phase = 'live' and delivered_at is null
                      order by created_at, id
                      limit greatest(0, :slots - (select count(*) from jobs where service_id = :id and not queued
                                                    and phase in ('creating', 'live') and delivered_at is null)))
        returning id, job_pubkey, client_agent_id, provider_agent_id`,
      { id: serviceId, slots: service.max_concurrent_jobs },
    );
    return { jobs: rows as Promoted[], autoAccept: service.auto_accept };
  });
}

async function anyWaiting(ctx: AppContext, serviceId: string): Promise<boolean> {
  const { rows } = await ctx.knex.raw(
    `select exists (select 1 from jobs where service_id = ? and queued and phase = 'live' and delivered_at is null) as waiting`,
    [serviceId],
  );
  return rows[0]?.waiting === true;
}

/**
 * `serviceId` null (an open job) has no queue: nothing to promote. `waiting`: the answer of
 * `anyWaiting`, when the caller read it already (JobStore.find's `queue_waiting`, read after
 * the slot freed).
 */
export async function promoteQueued(ctx: AppContext, serviceId: string | null, waiting?: boolean): Promise<number> {
  if (serviceId === null || !(waiting ?? (await anyWaiting(ctx, serviceId)))) return 0;
  const { jobs, autoAccept } = await takeFreeSlots(ctx, serviceId);
  if (!autoAccept) return jobs.length;
  for (const job of jobs) {
    try {
      const { provider } = await partyWallets(ctx, job);
      const ix = await acceptJobInstruction(ctx, provider, new PublicKey(job.job_pubkey));
      await ctx.waitForSlot((await ctx.tx.execute(`job-accept:${job.id}`, "accept_job", [ix])).slot);
    } catch (err) {
      ctx.log.error({ err, jobId: job.id }, "accepting a promoted job failed");
    }
  }
  return jobs.length;
}
