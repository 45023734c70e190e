/**
 * The `deposit-scans` BullMQ queue: `GET /wallet/balance` asks for a scan here instead of
 * scanning inline, so a balance read never waits on the chain or fails with it. Asks are
 * deduplicated per agent for `SCAN_THROTTLE_MS` (BullMQ's throttle mode): a client polling
 * its balance costs one scan every few seconds, not one per read.
 */
import type { Worker } from "bullmq";
import type { AppContext } from "../context.js";
import { scanDeposits } from "../wallet/deposit-scanner.js";
import type { WorkerModule } from "./worker-module.js";

export const DEPOSIT_SCAN_QUEUE = "deposit-scans";

export interface DepositScanJob {
  agentId: string;
  walletAddress: string;
}

export const depositScanJobId = (agentId: string) => `deposit-scan-${agentId}`;
export const SCAN_THROTTLE_MS = 5_000;

export async function queueDepositScan(ctx: AppContext, agent: { id: string; wallet_address: string }): Promise<void> {
  await ctx.queues.queue<DepositScanJob>(DEPOSIT_SCAN_QUEUE).add(
    "scan",
    { agentId: agent.id, walletAddress: agent.wallet_address },
    {
      deduplication: { id: depositScanJobId(agent.id), ttl: SCAN_THROTTLE_MS },
      removeOnComplete: true,
      removeOnFail: true,
    },
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

export const depositScans: WorkerModule = {
  name: DEPOSIT_SCAN_QUEUE,
  async start(ctx) {
    startDepositScanWorker(ctx);
  },
};
