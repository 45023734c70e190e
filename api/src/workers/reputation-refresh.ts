/**
 * Recomputes reputations that a job change flagged stale (api/src/trust/agent-reputation.ts)
 * every 10 s on one worker. Discovery, service and profile reads refresh them too; this bounds
 * how stale a score read elsewhere without refreshing (the jobs' trust gate) can be.
 */
import type { AppContext } from "../context.js";
import { refreshStaleReputations } from "../trust/agent-reputation.js";
import type { WorkerModule } from "./worker-module.js";

export const REPUTATION_REFRESH_QUEUE = "reputation-refresh";
const EVERY_MS = 10_000;

export const reputationRefresh: WorkerModule = {
  name: "reputation-refresh",
  async start(ctx: AppContext) {
    await ctx.queues
      .queue(REPUTATION_REFRESH_QUEUE)
      .upsertJobScheduler(
        "reputation-refresh",
        { every: EVERY_MS },
        { name: "refresh", opts: { removeOnComplete: 10 } },
      );
    ctx.queues.worker(REPUTATION_REFRESH_QUEUE, () => refreshStaleReputations(ctx.knex));
  },
};
