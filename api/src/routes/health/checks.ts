/**
 * Readiness checks, each bounded in time so that a dead dependency makes `/healthz` answer 503
 * quickly instead of hanging the probe.
 */
import type { AppContext } from "../../context.js";

export interface CheckResult {
  ok: boolean;
  latencyMs: number;
  detail?: Record<string, unknown>;
  error?: string;
}

/** Readiness allows the indexer this much time behind the stream. */
export const MAX_INDEXER_LAG_MS = 5_000;
const CHECK_TIMEOUT_MS = 2_000;

async function timed(run: () => Promise<Record<string, unknown> | undefined>): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    const detail = await Promise.race([run(), timeout]);
    return { ok: true, latencyMs: Math.round(performance.now() - started), ...(detail ? { detail } : {}) };
  } catch (e) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: (e as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

export interface HealthChecks {
  postgres: CheckResult;
  redis: CheckResult;
  chain: CheckResult;
  indexer: CheckResult;
}

export async function runChecks(ctx: AppContext): Promise<HealthChecks> {
  const [postgres, redis, chain, indexer] = await Promise.all([
    timed(async () => {
      await ctx.knex.raw("select 1");
      return undefined;
    }),
    timed(async () => {
      const pong = await ctx.redis.ping();
      if (pong !== "PONG") throw new Error(`unexpected PING reply ${pong}`);
      return undefined;
    }),
    timed(async () => ({ slot: await ctx.chain.getSlot() })),
    timed(async () => {
      const s = await ctx.indexerStatus();
      if (!s.live) throw new Error("catching up");
      if (s.lagMs > MAX_INDEXER_LAG_MS)
        throw new Error(`${Math.round(s.lagMs)} ms behind (limit ${MAX_INDEXER_LAG_MS})`);
      return { indexedSlot: s.indexedSlot, lagMs: Math.round(s.lagMs) };
    }),
  ]);
  return { postgres, redis, chain, indexer };
}
