/**
 * Which indexed program event sends which job webhook, to whom (SEED_API.md, "Webhook
 * Events"). Driven by the chain rather than by the API's routes, so a step sent by a wallet
 * outside the API, or a settlement by anyone's crank, notifies the same way:
 *
 * | program event      | webhook                       | to                          |
 * | ------------------ | ----------------------------- | --------------------------- |
 * | `JobCreated`       | job.created (direct jobs)     | the provider                |
 * | `ProviderAssigned` | job.assigned                  | the chosen provider         |
 * | `JobDelivered`     | job.delivered                 | the client                  |
 * | `DisputeOpened`    | job.disputed                  | the party that did not file |
 * | `JobSettled`       | job.completed / job.cancelled | the provider, if any        |
 *
 * `JobAccepted` has no webhook. The event names the job's account; the job is the API's row
 * for it. That row is written before create_job is sent, so an event without one is an insert
 * not committed yet: it is retried until `MISSING_ROW_GRACE_MS` old, then passed over.
 */

import type { JobRow } from "@justpay/db";
import type { AppContext } from "../context.js";
import type { FollowedEvent, Handled } from "../workers/event-follower.js";
import {
  type JobNotice,
  jobAssignedNotice,
  jobCreatedNotice,
  jobDeliveredNotice,
  jobDisputedNotice,
  jobSettledNotice,
  sendJobNotice,
} from "./job-notices.js";
import { agentByWallet } from "./party-wallets.js";

export const JOB_EVENT_NAMES = [
  "JobCreated",
  "ProviderAssigned",
  "JobDelivered",
  "DisputeOpened",
  "JobSettled",
] as const;

export const MISSING_ROW_GRACE_MS = 60_000;

/** The decoder writes enum variants by name, as `"Client"` or `{"client": {}}`; this is the name. */
export function variantName(value: unknown): string {
  const raw = typeof value === "string" ? value : Object.keys((value as object | null) ?? {})[0];
  return raw ? raw.charAt(0).toUpperCase() + raw.slice(1) : "";
}

/** The API's name of the status create_job left the job in (job-store.ts STATUS_SQL). */
function createdStatus(job: JobRow, chainStatus: string): string {
  if (job.queued) return "queued";
  return chainStatus === "Funded" ? "pending" : chainStatus.toLowerCase();
}

/** The job's row, with its parties' saved callbackUrls (their webhooks need them next). */
type EventJob = JobRow & { client_saved_url: string | null; provider_saved_url: string | null };

async function jobByAccount(ctx: AppContext, account: unknown): Promise<EventJob | undefined> {
  const { rows } = await ctx.knex.raw(
    `select j.*, c.callback_url as client_saved_url, p.callback_url as provider_saved_url
       from jobs j left join agents c on c.id = j.client_agent_id left join agents p on p.id = j.provider_agent_id
      where j.job_pubkey = ?`,
    [String(account)],
  );
  return rows[0];
}

/** A party's saved callbackUrl from the job's row; undefined for anyone else (notifyAgent reads it). */
function savedUrlOf(job: EventJob, agentId: string): string | null | undefined {
  if (agentId === job.client_agent_id) return job.client_saved_url;
  if (agentId === job.provider_agent_id) return job.provider_saved_url;
  return undefined;
}

const unixDate = (seconds: unknown) => (Number(seconds) > 0 ? new Date(Number(seconds) * 1000) : null);

/** The notices one event sends; none when it has nobody to tell (an open job settled unassigned). */
export async function noticesFor(ctx: AppContext, e: FollowedEvent, job: JobRow): Promise<JobNotice[]> {
  const d = e.data;
  switch (e.name) {
    case "JobCreated": {
      const provider = await agentByWallet(ctx, d.provider);
      if (job.type !== "direct" || !provider) return [];
      return [jobCreatedNotice(ctx, job, provider, createdStatus(job, variantName(d.status)))];
    }
    case "ProviderAssigned": {
      const provider = await agentByWallet(ctx, d.provider);
      return provider ? [jobAssignedNotice(job, provider)] : [];
    }
    case "JobDelivered": {
      const hash = Buffer.from((d.output_hash as number[] | undefined) ?? []).toString("hex");
      const deliveredAt = job.delivered_at ? new Date(job.delivered_at) : new Date(e.indexed_at);
      const providerId = await agentByWallet(ctx, d.provider);
      return [jobDeliveredNotice(job, { providerId, outputHash: hash, deliveredAt, reviewBy: unixDate(d.review_by) })];
    }
    case "DisputeOpened": {
      const filedByClient = variantName(d.party) === "Client";
      const recipientId = filedByClient ? job.provider_agent_id : job.client_agent_id;
      if (!recipientId) return [];
      const claimantId = await agentByWallet(ctx, d.claimant);
      const role = filedByClient ? "provider" : "client";
      return [jobDisputedNotice(job, { recipientId, role, claimantId, fee: String(d.fee) })];
    }
    case "JobSettled": {
      const providerId = await agentByWallet(ctx, d.provider);
      if (!providerId) return [];
      return [
        jobSettledNotice(job, { providerId, outcome: variantName(d.outcome), toProvider: String(d.to_provider) }),
      ];
    }
    default:
      return [];
  }
}

/** The follower's handler (api/src/workers/job-events.ts): the event's notices, sent once each. */
export async function handleJobEvent(ctx: AppContext, e: FollowedEvent): Promise<Handled> {
  const job = await jobByAccount(ctx, e.data.job);
  if (!job) return e.age_ms < MISSING_ROW_GRACE_MS ? "later" : "done";
  for (const notice of await noticesFor(ctx, e, job)) await sendJobNotice(ctx, notice, savedUrlOf(job, notice.agentId));
  return "done";
}
