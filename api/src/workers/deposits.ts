/**
 * The `deposit-scans` BullMQ queue: `GET /wallet/balance` asks for a scan here instead of
 * scanning inline, so a balance read never waits on the chain or fails with it. Asks are
 * deduplicated per agent for `SCAN_THROTTLE_MS` (BullMQ's throttle mode): a client polling
 * its balance costs one scan every few seconds, not one per read. Each process also remembers
 * whom it asked for within the window and skips the Redis round trip for them: BullMQ's
 * deduplication stays the guarantee across replicas, the memory only saves calls.
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

/** When this process last asked for each agent's scan; pruned as it grows. */
const askedAt = new Map<string, number>();
const ASKED_PRUNE_SIZE = 10_000;

function askedRecently(agentId: string, now: number): boolean {
  const at = askedAt.get(agentId);
  if (at !== undefined && now - at < SCAN_THROTTLE_MS) return true;
  if (askedAt.size >= ASKED_PRUNE_SIZE) {
    for (const [id, t] of askedAt) if (now - t >= SCAN_THROTTLE_MS) askedAt.delete(id);
  }
  askedAt.set(agentId, now);
  return false;
}

export async function queueDepositScan(ctx: AppContext, agent: { id: string; wallet_address: string }): Promise<void> {
  if (askedRecently(`${ctx.keyspace}:${agent.id}`, Date.now())) return;
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
