/**
 * The periodic deadline sweep: a BullMQ job scheduler adds one `deadline-sweep` job every
 * `everyMs`, and whichever worker takes it runs every registered sweep at the chain's time.
 * One scheduler id for the whole deployment, so N workers still sweep once per period.
 */
import type { Worker } from "bullmq";
import type { AppContext } from "../../context.js";
import { DEADLINES } from "./index.js";
import type { DeadlineRegistry, SweepReport } from "./registry.js";

export const DEADLINE_SWEEP_QUEUE = "deadline-sweeps";
const SCHEDULER_ID = "deadline-sweep";

export interface DeadlineSweeper {
  worker: Worker<unknown, SweepReport[]>;
  /** Removes the schedule (the worker itself closes with the queue registry). */
  stop(): Promise<void>;
}

export async function startDeadlineSweeper(
  ctx: AppContext,
  options: { everyMs?: number; registry?: DeadlineRegistry } = {},
): Promise<DeadlineSweeper> {
  const registry = options.registry ?? DEADLINES;
  const queue = ctx.queues.queue(DEADLINE_SWEEP_QUEUE);
  await queue.upsertJobScheduler(
    SCHEDULER_ID,
    { every: options.everyMs ?? 10_000 },
    { name: "sweep", opts: { removeOnComplete: 100, removeOnFail: 100 } },
  );
  const worker = ctx.queues.worker<unknown, SweepReport[]>(DEADLINE_SWEEP_QUEUE, async () =>
    registry.runDue(ctx, await ctx.chain.unixTime()),
  );
  return { worker, stop: async () => void (await queue.removeJobScheduler(SCHEDULER_ID)) };
}
