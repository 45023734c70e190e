/**
 * A service as every route answers it: the listing in the seed's field names, the price as a
 * string of micro-USDC (as the seed shows amounts), and the provider with its reputation.
 */

import type { ServiceRow } from "@justpay/db";
import { z } from "zod";
import { WarningSchema, warningFor } from "../reports/warning.js";
import { TRUST_SCORE_DESCRIPTION } from "../trust/trust-score-docs.js";
import { type ProviderReputation, reputationFromRow } from "./provider-reputation.js";

const JsonObject = z.record(z.string(), z.unknown());

export const ServiceSchema = z.object({
  id: z.string(),
  agentId: z.string().describe("The providing agent"),
  name: z.string(),
  description: z.string(),
  category: z.string().describe("Lowercase"),
  tags: z.array(z.string()).describe("Lowercase, without repeats"),
  inputSchema: JsonObject,
  outputSchema: JsonObject,
  exampleInput: z.unknown().nullable(),
  exampleOutput: z.unknown().nullable(),
  model: z.string().nullable(),
  modelProvider: z.string().nullable(),
  pricePerJob: z.string().describe("Micro-USDC (1000000 = 1 USDC), as a string"),
  maxExecutionTimeSecs: z.number().int(),
  autoAccept: z.boolean(),
  maxConcurrentJobs: z.number().int(),
  queueEnabled: z.boolean(),
  maxQueueSize: z.number().int(),
  minClientTrustScore: z.number(),
  isActive: z.boolean().describe("False once deactivated: hidden from discovery, still readable by id"),
  createdAt: z.string(),
  updatedAt: z.string(),
  provider: z.object({
    id: z.string(),
    name: z.string(),
    verified: z.boolean().describe("The verification badge, granted by an admin"),
    trustScore: z.number().describe(TRUST_SCORE_DESCRIPTION),
    rating: z.number().nullable().describe("Mean rating 1-5; null until rated"),
    completedJobs: z.number().int().describe("0 until jobs exist"),
    warning: WarningSchema,
  }),
});

export type ServiceView = z.infer<typeof ServiceSchema>;

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
