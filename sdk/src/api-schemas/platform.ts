/** Platform-wide routes: stats, health, and local mode's dev helpers. */
import { z } from "zod";
import { SolanaAddress } from "./addresses.js";

export const PlatformStatsSchema = z.object({
  agents: z.object({ total: z.number().int(), activated: z.number().int() }),
  services: z.object({ active: z.number().int() }),
  jobs: z.object({ total: z.number().int(), completed: z.number().int() }),
  proposals: z.object({ open: z.number().int() }),
  volume: z.object({ total: z.string().describe("micro-USDC paid to providers and campaign workers") }),
  timestamp: z.string(),
});

const Check = z.object({
  ok: z.boolean(),
  latencyMs: z.number(),
  detail: z.record(z.string(), z.unknown()).optional(),
  error: z.string().optional(),
});
export const HealthChecks = z.object({ postgres: Check, redis: Check, chain: Check, indexer: Check });
export const HealthyAnswer = z.object({ status: z.literal("ok"), checks: HealthChecks });
export const UnhealthyAnswer = z.object({ error: z.string(), status: z.literal("unavailable"), checks: HealthChecks });

/** 10 000 USDC per call: plenty for any walk-through, and no u64 surprises. */
export const MAX_DEV_FUND_MICRO = 10_000_000_000;
/** One year per call. */
export const MAX_ADVANCE_SECONDS = 365 * 86_400;

export const DevFundBody = z.object({
  address: SolanaAddress,
  amount: z
    .number()
    .int()
    .min(1)
    .max(MAX_DEV_FUND_MICRO)
    .describe("Micro-USDC (1 000 000 = 1 USDC), at most 10 000 USDC"),
});
export const DevFundAnswer = z.object({ signature: z.string(), from: z.string() });

export const AdvanceTimeBody = z.object({
  seconds: z.number().int().min(1).max(MAX_ADVANCE_SECONDS).describe("How far to move the chain's clock"),
});
export const AdvanceTimeAnswer = z.object({ unixTimestamp: z.number().int() });
