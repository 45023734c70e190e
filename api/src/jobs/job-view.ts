/** A job as the API answers it (SEED_API.md, "Create a Direct Job": amounts as strings of micro-USDC). */

import type { JobSchema } from "@justpay/sdk/schemas";
import type { z } from "zod";
import { disputeView } from "../disputes/dispute-view.js";
import { warningFor } from "../reports/warning.js";
import { clientStanding } from "./client-reputation.js";
import type { JobWithState } from "./job-store.js";

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function jobView(job: JobWithState): z.infer<typeof JobSchema> {
  const reviewBy = job.review_by && job.review_by !== "0" ? new Date(Number(job.review_by) * 1000) : null;
  return {
    id: job.id,
    type: job.type,
    status: job.status,
    amount: String(job.amount),
    platformFee: String(job.fee),
    totalCost: (BigInt(job.amount) + BigInt(job.fee)).toString(),
    clientAgentId: job.client_agent_id,
    providerAgentId: job.provider_agent_id,
    serviceId: job.service_id,
    title: job.title,
    category: job.category,
    description: job.description,
    applyBy: iso(job.apply_by),
    input: job.input,
    output: job.output ?? null,
    outputHash: job.output_hash,
    callbackUrl: job.callback_url,
    jobAccount: job.job_pubkey,
    expiresAt: iso(job.expires_at) as string,
    deliveredAt: iso(job.delivered_at),
    reviewBy: job.status === "delivered" ? iso(reviewBy) : null,
    createdAt: iso(job.created_at) as string,
    clientReputation: clientStanding(job.client_disputes_filed, job.client_completed_jobs),
    dispute: job.dispute ? disputeView(job.dispute) : null,
    warnings: {
      client: warningFor(job.client_pending_reports),
      provider: job.provider_agent_id ? warningFor(job.provider_pending_reports) : null,
    },
  };
}
