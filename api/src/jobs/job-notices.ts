/**
 * The job webhooks (SEED_API.md, "Webhook Events") for direct jobs. Each has a delivery id made
 * from the job and the event, so a step that runs twice (a retried request, two sweepers)
 * notifies once. A job's own callbackUrl is the client's: it overrides the client's profile URL
 * for the events the client receives; the provider's go to the provider's profile.
 */
import { notifyAgent } from "../agents/notify.js";
import type { AppContext } from "../context.js";
import { clientReputation } from "./client-reputation.js";
import type { JobWithState } from "./job-store.js";

export async function notifyJobCreated(ctx: AppContext, job: JobWithState): Promise<void> {
  if (job.provider_agent_id === null) return;
  await notifyAgent(
    ctx,
    job.provider_agent_id,
    "job.created",
    {
      jobId: job.id,
      status: job.status,
      role: "provider",
      serviceId: job.service_id,
      clientAgentId: job.client_agent_id,
      amount: String(job.amount),
      input: job.input,
      expiresAt: new Date(job.expires_at).toISOString(),
      clientReputation: await clientReputation(ctx, job.client_agent_id),
    },
    { id: `job-created-${job.id}` },
  );
}

export async function notifyJobDelivered(ctx: AppContext, job: JobWithState): Promise<void> {
  const started = new Date(job.created_at).getTime();
  const delivered = job.delivered_at ? new Date(job.delivered_at).getTime() : Date.now();
  await notifyAgent(
    ctx,
    job.client_agent_id,
    "job.delivered",
    {
      jobId: job.id,
      status: "delivered",
      role: "client",
      providerAgentId: job.provider_agent_id,
      executionTimeSecs: Math.max(0, Math.round((delivered - started) / 1000)),
      outputHash: job.output_hash,
    },
    { id: `job-delivered-${job.id}`, url: job.callback_url ?? undefined },
  );
}

/** job.completed for a release, job.cancelled for a refund (a cancel or an expiry); to the provider. */
export async function notifyJobSettled(ctx: AppContext, job: JobWithState): Promise<void> {
  // An open job refunded with nobody assigned has no provider to tell.
  if (job.provider_agent_id === null) return;
  const completed = job.status === "completed";
  await notifyAgent(
    ctx,
    job.provider_agent_id,
    completed ? "job.completed" : "job.cancelled",
    {
      jobId: job.id,
      status: job.status,
      role: "provider",
      clientAgentId: job.client_agent_id,
      amount: String(job.amount),
      ...(completed ? {} : { reason: job.status === "expired" ? "delivery deadline passed" : "cancelled by client" }),
    },
    { id: `job-settled-${job.id}` },
  );
}
