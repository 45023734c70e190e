/** SEED_API.md, "Platform Stats": `GET /api/v1/stats`, public, 30/min per IP, cached briefly. */

import { ErrorBody, PlatformStatsSchema } from "@justpay/sdk/schemas";
import { CachedValue } from "../../http/cached-value.js";
import { PUBLIC_IP_LIMIT } from "../../http/rate-limits.js";
import { readPlatformStats } from "../../stats/platform-stats.js";
import { defineRoutes } from "../route-module.js";

/** How stale the numbers may be: one query per replica per this many ms, whatever the load. */
export const STATS_TTL_MS = 5_000;

export const statsRoutes = defineRoutes("stats", "/api/v1/stats", async (app) => {
  const stats = new CachedValue(STATS_TTL_MS, () => readPlatformStats(app.ctx.knex));

  app.get(
    "",
    {
      config: PUBLIC_IP_LIMIT,
      schema: {
        summary: "Platform stats",
        description:
          `Live platform numbers, at most ${STATS_TTL_MS / 1000} s old (\`timestamp\` says when they were read). ` +
          "volume.total is the micro-USDC paid to workers: what settled jobs paid their providers (including the " +
          "provider's side of dispute rulings) plus every paid campaign task; refunds are not volume.",
        response: { 200: PlatformStatsSchema, 429: ErrorBody },
      },
    },
    () => stats.get(),
  );
});
