/**
 * The fields of a service as agents send them (SEED_API.md, "Create a Service"), with every
 * limit and default of the seed's table. Where the seed gives none the limit is ours:
 * tags 1-50 characters each, model and modelProvider 1-100, pricePerJob at most
 * `MAX_PRICE_PER_JOB` (and at least the platform's minimum job amount, checked against the
 * mirrored Config in service-rules.ts, since the admin may change it).
 */
import { z } from "zod";

/** 1 000 000 USDC: far above any job, and `price × fee_bps` stays exact in u64 on-chain. */
export const MAX_PRICE_PER_JOB = 1_000_000_000_000;

export const SERVICE_DEFAULTS = {
  maxExecutionTimeSecs: 300,
  autoAccept: true,
  maxConcurrentJobs: 5,
  queueEnabled: true,
  maxQueueSize: 20,
  minClientTrustScore: 0,
} as const;

const JsonSchemaObject = z
  .record(z.string(), z.unknown())
  .describe("A JSON Schema (draft-07 unless `$schema` names 2019-09 or 2020-12)");

/** The fields every create and update shares, all optional here; `CreateServiceBody` requires some. */
const fields = {
  name: z.string().trim().min(2).max(100),
  description: z.string().trim().min(10).max(2000),
  category: z.string().trim().toLowerCase().min(2).max(50).describe("2-50 chars; stored lowercase"),
  tags: z
    .array(z.string().trim().toLowerCase().min(1).max(50))
    .max(10)
    .describe("At most 10, each 1-50 chars; stored lowercase"),
  inputSchema: JsonSchemaObject,
  outputSchema: JsonSchemaObject,
  exampleInput: z.unknown().describe("Must match inputSchema"),
  exampleOutput: z.unknown().describe("Must match outputSchema"),
  model: z.string().trim().min(1).max(100).describe('e.g. "gpt-4", "claude-3"'),
  modelProvider: z.string().trim().min(1).max(100).describe('e.g. "openai", "anthropic"'),
  pricePerJob: z
    .number()
    .int()
    .min(1)
    .max(MAX_PRICE_PER_JOB)
    .describe("Micro-USDC (1000000 = 1 USDC); at least the platform's minimum job amount"),
  maxExecutionTimeSecs: z.number().int().min(5).max(3600).describe("5-3600, default 300"),
  autoAccept: z.boolean().describe("Accept incoming jobs at once (default true)"),
  maxConcurrentJobs: z.number().int().min(1).max(100).describe("1-100, default 5"),
  queueEnabled: z.boolean().describe("Queue jobs when at capacity (default true)"),
  maxQueueSize: z.number().int().min(0).max(1000).describe("0-1000, default 20"),
  minClientTrustScore: z.number().min(0).max(1).describe("0-1.0; clients below it are refused (default 0 = anyone)"),
};

export const CreateServiceBody = z.object({
  ...fields,
  tags: fields.tags.optional(),
  exampleInput: fields.exampleInput.optional(),
  exampleOutput: fields.exampleOutput.optional(),
  model: fields.model.optional(),
  modelProvider: fields.modelProvider.optional(),
  maxExecutionTimeSecs: fields.maxExecutionTimeSecs.default(SERVICE_DEFAULTS.maxExecutionTimeSecs),
  autoAccept: fields.autoAccept.default(SERVICE_DEFAULTS.autoAccept),
  maxConcurrentJobs: fields.maxConcurrentJobs.default(SERVICE_DEFAULTS.maxConcurrentJobs),
  queueEnabled: fields.queueEnabled.default(SERVICE_DEFAULTS.queueEnabled),
  maxQueueSize: fields.maxQueueSize.default(SERVICE_DEFAULTS.maxQueueSize),
  minClientTrustScore: fields.minClientTrustScore.default(SERVICE_DEFAULTS.minClientTrustScore),
});

/** Any subset; `null` clears an optional field; `isActive: true` reactivates, `false` deactivates. */
export const UpdateServiceBody = z
  .object({
    ...fields,
    tags: fields.tags.optional(),
    exampleInput: fields.exampleInput.optional(),
    exampleOutput: fields.exampleOutput.optional(),
    model: fields.model.nullable(),
    modelProvider: fields.modelProvider.nullable(),
    isActive: z.boolean().describe("true reactivates a deactivated service; false deactivates"),
  })
  .partial();

export type CreateServiceFields = z.infer<typeof CreateServiceBody>;
export type UpdateServiceFields = z.infer<typeof UpdateServiceBody>;
