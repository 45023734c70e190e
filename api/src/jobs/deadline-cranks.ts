/**
 * BullMQ delayed cranks for a job's deadlines: a delayed job on the deadline sweep queue, due
 * just after the deadline, makes the sweep worker run the sweeps then (at the chain's time)
 * instead of at its next period. The job id is per job and deadline, so scheduling twice adds
 * one. Scheduling is best effort: the periodic sweep settles the job anyway, so a failure to
 * enqueue is logged and never fails the request.
 */
import type { AppContext } from "../context.js";
import { DEADLINE_SWEEP_QUEUE } from "../workers/deadlines/sweep-worker.js";

/** Past the deadline by this much, since the program allows the action through the deadline's second. */
const SLACK_SECONDS = 2n;

export async function scheduleDeadlineCrank(
  ctx: AppContext,
  jobId: string,
  deadline: "apply_by" | "deliver_by" | "review_by",
  atUnix: bigint,
): Promise<void> {
  try {
    const now = await ctx.chain.unixTime();
    const delay = Number(atUnix + SLACK_SECONDS - now) * 1000;
    await ctx.queues
      .queue(DEADLINE_SWEEP_QUEUE)
      .add(
        "job-deadline",
        { jobId, deadline },
        { jobId: `job-${deadline}-${jobId}`, delay: Math.max(0, delay), removeOnComplete: 100, removeOnFail: 100 },
      );
  } catch (err) {
    ctx.log.warn(
      { err, jobId, deadline },
      "could not schedule a job's deadline crank; the periodic sweep will settle it",
    );
  }
}
