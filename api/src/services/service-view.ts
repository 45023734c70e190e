/**
 * A service as every route answers it: the listing in the seed's field names, the price as a
 * string of micro-USDC (as the seed shows amounts), and the provider with its reputation.
 */

import type { ServiceRow } from "@justpay/db";
import type { ServiceView } from "@justpay/sdk/schemas";
import { warningFor } from "../reports/warning.js";
import { type ProviderReputation, reputationFromRow } from "./provider-reputation.js";

export type { ServiceView };

/** A `services` row joined with its provider's name and reputation (see service-store.ts). */
export type ServiceWithProvider = ServiceRow & {
  provider_name: string;
  provider_verified: boolean;
  provider_pending_reports: number;
  trust_score: number;
  rating: number | null;
  completed_jobs: number;
};

const iso = (value: Date | string) => new Date(value).toISOString();

export function serviceView(row: ServiceWithProvider): ServiceView {
  const reputation: ProviderReputation = reputationFromRow(row);
  return {
    id: row.id,
    agentId: row.agent_id,
    name: row.name,
    description: row.description,
    category: row.category,
    tags: row.tags,
    inputSchema: row.input_schema,
    outputSchema: row.output_schema,
    exampleInput: row.example_input ?? null,
    exampleOutput: row.example_output ?? null,
    model: row.model,
    modelProvider: row.model_provider,
    pricePerJob: String(row.price_per_job),
    maxExecutionTimeSecs: row.max_execution_time_secs,
    autoAccept: row.auto_accept,
    maxConcurrentJobs: row.max_concurrent_jobs,
    queueEnabled: row.queue_enabled,
    maxQueueSize: row.max_queue_size,
    minClientTrustScore: row.min_client_trust_score,
    isActive: row.is_active,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    provider: {
      id: row.agent_id,
      name: row.provider_name,
      verified: row.provider_verified,
      ...reputation,
      warning: warningFor(row.provider_pending_reports),
    },
  };
}
