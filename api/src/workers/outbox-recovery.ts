/**
 * Finishes what crashed processes left in the transaction outbox (docs/transactions.md):
 * every 15 s one worker, whichever takes the scheduled job, runs `recover()`. An intent that
 * has not landed 5 minutes after it was written is voided, rather than sent late, as soon as
 * it provably cannot land any more (never signed, or its signed bytes expired).
 */
import type { AppContext } from "../context.js";
import type { WorkerModule } from "./worker-module.js";

export const OUTBOX_RECOVERY_QUEUE = "outbox-recovery";
const EVERY_MS = 15_000;
const VOID_STALE_AFTER_MS = 5 * 60_000;

export const outboxRecovery: WorkerModule = {
  name: "outbox-recovery",
  async start(ctx: AppContext) {
    const log = ctx.log.child({ component: "outbox-recovery" });
    await ctx.queues
      .queue(OUTBOX_RECOVERY_QUEUE)
      .upsertJobScheduler("outbox-recovery", { every: EVERY_MS }, { name: "recover", opts: { removeOnComplete: 10 } });
    ctx.queues.worker(OUTBOX_RECOVERY_QUEUE, async () => {
      const report = await ctx.tx.recover({ voidStaleAfterMs: VOID_STALE_AFTER_MS });
      const touched = report.confirmed.length + report.failed.length + report.voided.length;
      if (touched > 0) log.info(report, "recovered outbox intents");
      return report;
    });
  },
};
