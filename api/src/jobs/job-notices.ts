/**
 * The job webhooks' payloads (SEED_API.md, "Webhook Events"), built from the job's row and the
 * facts of the program event that caused them (job-event-notices.ts decides which event sends
 * which). Each has a delivery id made from the job and the event, so an event handled twice
 * (a replayed pass, two workers) notifies once. A job's own callbackUrl is the client's: it
 * overrides the client's profile URL for the events the client receives; the provider's go
 * to the provider's profile.
 */

import type { JobRow } from "@justpay/db";
import { type AgentEvent, notifyAgent } from "../agents/notify.js";
import type { AppContext } from "../context.js";
import { clientReputation } from "./client-reputation.js";

export interface JobNotice {
  agentId: string;
  event: AgentEvent;
  /** The payload, or a function building it only when the notice has somewhere to go. */
  data: Record<string, unknown> | (() => Promise<Record<string, unknown>>);
  /** The delivery id: one per job and event. */
  id: string;
  /** The job's callbackUrl, for the client's events. */
  url?: string;
}

export type Role = "client" | "provider";

const clientUrl = (job: JobRow) => job.callback_url ?? undefined;
const iso = (d: Date | string) => new Date(d).toISOString();

/** job.created to the provider of a direct job; `status` as create_job left it. */
export function jobCreatedNotice(ctx: AppContext, job: JobRow, providerId: string, status: string): JobNotice {
  return {
    agentId: providerId,
    event: "job.created",
    data: async () => ({
      jobId: job.id,
      status,
      role: "provider",
      serviceId: job.service_id,
      clientAgentId: job.client_agent_id,
      amount: String(job.amount),
      input: job.input,
      expiresAt: iso(job.expires_at),
      clientReputation: await clientReputation(ctx, job.client_agent_id),
    }),
    id: `job-created-${job.id}`,
  };
}

/** job.assigned to the provider the client chose for an open job. */
export function jobAssignedNotice(job: JobRow, providerId: string): JobNotice {
  return {
    agentId: providerId,
    event: "job.assigned",
    data: {
      jobId: job.id,
      status: "accepted",
      role: "provider",
      title: job.title,
      clientAgentId: job.client_agent_id,
      amount: String(job.amount),
      input: job.input,
      expiresAt: iso(job.expires_at),
    },
    id: `job-assigned-${job.id}`,
  };
}

/** job.delivered to the client: the committed output hash and the time the work took. */
export function jobDeliveredNotice(
  job: JobRow,
  d: { providerId: string | null; outputHash: string; deliveredAt: Date; reviewBy: Date | null },
): JobNotice {
  const seconds = (d.deliveredAt.getTime() - new Date(job.created_at).getTime()) / 1000;
  return {
    agentId: job.client_agent_id,
    event: "job.delivered",
    data: {
      jobId: job.id,
      status: "delivered",
      role: "client",
      providerAgentId: d.providerId,
      executionTimeSecs: Math.max(0, Math.round(seconds)),
      outputHash: d.outputHash,
      ...(d.reviewBy ? { reviewBy: iso(d.reviewBy) } : {}),
    },
    id: `job-delivered-${job.id}`,
    url: clientUrl(job),
  };
}

/** What the API calls each `JobOutcome` (the job's status), and why a refund happened. */
const OUTCOMES: Record<string, { status: string; paid: boolean; reason?: string }> = {
  Released: { status: "completed", paid: true },
  AutoReleased: { status: "completed", paid: true },
  Cancelled: { status: "cancelled", paid: false, reason: "cancelled by client" },
  Expired: { status: "expired", paid: false, reason: "delivery deadline passed" },
  // As job-store.ts's STATUS_SQL shows a ruled job: completed when the provider was paid.
  DisputeProviderWon: { status: "completed", paid: true },
  DisputeSplit: { status: "completed", paid: true },
  DisputeClientWon: { status: "cancelled", paid: false, reason: "dispute resolved for the client" },
};

/**
 * job.completed when the provider was paid (a release, by anyone, or a ruling that pays it),
 * job.cancelled when the client got the money back (a cancel, an expiry, a ruling for the
 * client); to the provider.
 */
export function jobSettledNotice(
  job: JobRow,
  s: { providerId: string; outcome: string; toProvider: string },
): JobNotice {
  const o = OUTCOMES[s.outcome] ?? { status: "resolved", paid: BigInt(s.toProvider) > 0n };
  return {
    agentId: s.providerId,
    event: o.paid ? "job.completed" : "job.cancelled",
    data: {
      jobId: job.id,
      status: o.status,
      role: "provider",
      clientAgentId: job.client_agent_id,
      amount: String(job.amount),
      outcome: s.outcome,
      paidToProvider: s.toProvider,
      ...(o.reason ? { reason: o.reason } : {}),
    },
    id: `job-settled-${job.id}`,
  };
}

/** job.disputed to the party that did not file. */
export function jobDisputedNotice(
  job: JobRow,
  d: { recipientId: string; role: Role; claimantId: string | null; fee: string },
): JobNotice {
  return {
    agentId: d.recipientId,
    event: "job.disputed",
    data: { jobId: job.id, status: "disputed", role: d.role, claimantAgentId: d.claimantId, fee: d.fee },
    id: `job-disputed-${job.id}`,
    url: d.role === "client" ? clientUrl(job) : undefined,
  };
}

/** `savedUrl`: the recipient's saved callbackUrl, when the caller has it (see notifyAgent). */
export async function sendJobNotice(ctx: AppContext, n: JobNotice, savedUrl?: string | null): Promise<void> {
  await notifyAgent(ctx, n.agentId, n.event, n.data, { id: n.id, url: n.url, savedUrl });
}
