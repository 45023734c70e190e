/**
 * The periodic deadline sweep: a BullMQ job scheduler adds one `deadline-sweep` job every
 * `everyMs`, and whichever worker takes it runs every registered sweep at the chain's time.
 * One scheduler id for the whole deployment, so N workers still sweep once per period.
 */
import type { Worker } from "bullmq";
import type { AppContext } from "../../context.js";
import type { WorkerModule } from "../worker-module.js";
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
  options: { everyMs?: number; registry?: DeadlineRegistry; queue?: string } = {},
): Promise<DeadlineSweeper> {
  const registry = options.registry ?? DEADLINES;
  const queueName = options.queue ?? DEADLINE_SWEEP_QUEUE;
  const queue = ctx.queues.queue(queueName);
  await queue.upsertJobScheduler(
    SCHEDULER_ID,
    { every: options.everyMs ?? 10_000 },
    { name: "sweep", opts: { removeOnComplete: 100, removeOnFail: 100 } },
  );
  const worker = ctx.queues.worker<unknown, SweepReport[]>(queueName, async () =>
    registry.runDue(ctx, await ctx.chain.unixTime()),
  );
  return { worker, stop: async () => void (await queue.removeJobScheduler(SCHEDULER_ID)) };
}

export const deadlineSweeps: WorkerModule = {
  name: DEADLINE_SWEEP_QUEUE,
  async start(ctx) {
    await startDeadlineSweeper(ctx);
  },
};
