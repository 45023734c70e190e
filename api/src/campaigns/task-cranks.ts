/**
 * A task's deadlines as delayed cranks, through the jobs' BullMQ scheduler (jobs/deadline-cranks.ts):
 * a delayed job on the deadline sweep queue just after a claim's expires_at or a delivery's
 * review_by makes the sweep worker run every sweep then, the campaign sweeps among them. The
 * crank's id is per task and deadline, so scheduling twice adds one; best effort, the periodic
 * sweep is the backstop.
 */
import type { AppContext } from "../context.js";
import { scheduleDeadlineCrank } from "../jobs/deadline-cranks.js";

export function scheduleTaskCrank(ctx: AppContext, taskId: string, deadline: "expires_at" | "review_by", at: bigint) {
  return scheduleDeadlineCrank(ctx, `task-${taskId}`, deadline === "expires_at" ? "deliver_by" : "review_by", at);
}
