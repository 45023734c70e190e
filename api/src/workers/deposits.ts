/**
 * The `deposit-scans` BullMQ queue: `GET /wallet/balance` asks for a scan here instead of
 * scanning inline, so a balance read never waits on the chain or fails with it. The job id is
 * the agent's, so asking again while a scan is queued or running adds nothing; finished jobs
 * are removed at once so the next ask queues a new one.
 */
import type { Worker } from "bullmq";
import type { AppContext } from "../context.js";
import { scanDeposits } from "../wallet/deposit-scanner.js";

export const DEPOSIT_SCAN_QUEUE = "deposit-scans";

export interface DepositScanJob {
  agentId: string;
  walletAddress: string;
}

export const depositScanJobId = (agentId: string) => `deposit-scan-${agentId}`;

export async function queueDepositScan(ctx: AppContext, agent: { id: string; wallet_address: string }): Promise<void> {
  await ctx.queues
    .queue<DepositScanJob>(DEPOSIT_SCAN_QUEUE)
    .add(
      "scan",
      { agentId: agent.id, walletAddress: agent.wallet_address },
      { jobId: depositScanJobId(agent.id), removeOnComplete: true, removeOnFail: true },
    );
}

/** Worker processes only (and the one-process local stack). Resolves each job to the number of transfers credited. */
export function startDepositScanWorker(ctx: AppContext, concurrency = 4): Worker<DepositScanJob, number> {
  return ctx.queues.worker<DepositScanJob, number>(
    DEPOSIT_SCAN_QUEUE,
    async (job) => {
      // Another scan of the agent holding the lock covers this request as well.
      const outcome = await scanDeposits(ctx, { id: job.data.agentId, wallet_address: job.data.walletAddress });
      return outcome.credited;
    },
    { concurrency },
  );
}
