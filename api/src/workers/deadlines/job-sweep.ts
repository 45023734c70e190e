/**
 * What both job sweeps share: settle every job `due` lists, signed by the platform's fee payer
 * (the program's "anyone" once a deadline passed), one failing job logged without stopping
 * the rest. The outbox key is per job and sweep, so sweepers racing each other execute once,
 * and a settlement the client made first is the program's refusal that settleJob treats as done.
 * A sweeper that finds the job's intent leased by another (TxBusyError) lost the race to it:
 * the holder settles the job (or outbox recovery finishes its intent), so that is done too,
 * not a failure (api/test/workers/two-workers-sweep.test.ts).
 */
import type { AppContext } from "../../context.js";
import { JobStore, type JobWithState } from "../../jobs/job-store.js";
import { type Settlement, settleJob } from "../../jobs/settle-job.js";
import { TxBusyError } from "../../tx/errors.js";
import type { DeadlineSweep } from "./registry.js";

export function jobSweep(
  name: string,
  how: Settlement,
  due: (store: JobStore, now: bigint) => Promise<JobWithState[]>,
): DeadlineSweep {
  return {
    name,
    async runDue(ctx: AppContext, now: bigint) {
      let cranked = 0;
      for (const job of await due(new JobStore(ctx.knex), now)) {
        try {
          await settleJob(ctx, job, { how, authority: ctx.platform.feePayer.publicKey, key: `${name}:${job.id}` });
          cranked += 1;
        } catch (err) {
          if (err instanceof TxBusyError) {
            ctx.log.debug({ jobId: job.id, sweep: name }, "another worker is settling this job");
            continue;
          }
          ctx.log.error({ err, jobId: job.id, sweep: name }, "job deadline crank failed");
        }
      }
      return cranked;
    },
  };
}
