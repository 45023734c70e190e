/**
 * Jobs settled outside the API's own steps (a crank anyone may send once a deadline passed,
 * the client's wallet calling the program directly): the mirror shows the account closed
 * while the API still counts the job open. This sweep records those settlements from the
 * indexed JobSettled event, so the job's status and its service's queue follow
 * the chain whoever cranked. It cranks nothing itself; it reports how many it recorded.
 */
import type { AppContext } from "../../context.js";
import { JobStore } from "../../jobs/job-store.js";
import { recordSettlement } from "../../jobs/settle-job.js";
import type { DeadlineSweep } from "./registry.js";

export const jobReconcile: DeadlineSweep = {
  name: "job-reconcile",
  async runDue(ctx: AppContext) {
    let recorded = 0;
    for (const job of await new JobStore(ctx.knex).closedElsewhere()) {
      try {
        await recordSettlement(ctx, job);
        recorded += 1;
      } catch (err) {
        ctx.log.error({ err, jobId: job.id }, "recording an outside settlement failed");
      }
    }
    return recorded;
  },
};
