/**
 * Services (SEED_API.md, "Create a Service", "Discover Services"): the fields agents send,
 * with every limit and default of the seed's table, and the listing every route answers. Where
 * the seed gives no limit the limit is ours: tags 1-50 characters each, model and modelProvider
 * 1-100, pricePerJob at most `MAX_PRICE_PER_JOB` (and at least the platform's minimum job
 * amount, which the API checks against the on-chain Config, since the admin may change it).
 */
import { z } from "zod";
import { SERVICE_SORTS } from "./enums.js";
import { TRUST_SCORE_DESCRIPTION, WarningSchema } from "./trust.js";

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

export const ServiceParams = z.object({ id: z.string().min(1).max(64) });

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

/** At most this many `tags` in one discovery query. */
export const MAX_DISCOVER_TAGS = 10;

export const DiscoverServicesQuery = z.object({
  page: z.coerce.number().int().min(1).default(1).describe("From 1; default 1"),
  limit: z.coerce.number().int().min(1).max(100).default(20).describe("1-100; default 20"),
  category: z.string().max(50).optional().describe("Exact category (case-insensitive)"),
  search: z.string().max(200).optional().describe("Full-text search over name and description, ranked"),
  model: z.string().max(100).optional().describe("Exact model (case-insensitive)"),
  modelProvider: z.string().max(100).optional().describe("Exact provider (case-insensitive)"),
  tags: z
    .string()
    .max(600)
    .optional()
    .describe(`Comma-separated, at most ${MAX_DISCOVER_TAGS}: services with any of them`),
  minPrice: z.coerce.number().int().min(0).optional().describe("Micro-USDC, inclusive"),
  maxPrice: z.coerce.number().int().min(0).optional().describe("Micro-USDC, inclusive"),
  sortBy: z.enum(SERVICE_SORTS).optional(),
});

export const DiscoverServicesResponse = z.object({
  services: z.array(ServiceSchema),
  pagination: z.object({ page: z.number().int(), limit: z.number().int(), total: z.number().int() }),
});

export const CategoriesSchema = z.object({
  categories: z.array(
    z.object({ name: z.string(), count: z.number().int().describe("Active services in the category") }),
  ),
});
