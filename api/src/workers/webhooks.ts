/**
 * The webhook worker, for the worker role (and the one-process local stack): it delivers the
 * `webhooks` queue's jobs with the deployment's URL policy (http and private addresses only in
 * local mode) and each agent's current secret, and every minute re-queues deliveries whose job
 * was lost (a crash between writing the row and queueing it, a Redis flush). The queues are
 * the registry's, so shutdown closes them.
 */

import { callbackPolicy } from "../agents/url-rules.js";
import { webhookQueue } from "../agents/webhook-queue.js";
import { AgentWebhookSecrets } from "../agents/webhook-secrets.js";
import type { AppContext } from "../context.js";
import { DeliveryStore } from "../webhooks/delivery-store.js";
import { WEBHOOK_QUEUE, type WebhookJobData } from "../webhooks/jobs.js";
import {
  attemptOptions,
  DEFAULT_WEBHOOK_CONCURRENCY,
  type JobOutcome,
  WEBHOOK_WORKER_SETTINGS,
  webhookProcessor,
} from "../webhooks/worker.js";
import type { WorkerModule } from "./worker-module.js";

export const WEBHOOK_RESUME_QUEUE = "webhooks-resume";
const RESUME_EVERY_MS = 60_000;
/** Longer than the longest wait between two attempts (256 s), so live deliveries are left alone. */
const RESUME_UNTOUCHED_FOR_MS = 5 * 60_000;

export const webhookWorker: WorkerModule = {
  name: "webhooks",
  async start(ctx: AppContext): Promise<void> {
    const resolveSecret = new AgentWebhookSecrets(ctx.knex).resolve;
    const attempt = attemptOptions({ resolveSecret, ...callbackPolicy(ctx.config) });
    ctx.queues.worker<WebhookJobData, JobOutcome>(
      WEBHOOK_QUEUE,
      webhookProcessor(new DeliveryStore(ctx.knex), attempt),
      {
        concurrency: DEFAULT_WEBHOOK_CONCURRENCY,
        settings: WEBHOOK_WORKER_SETTINGS,
      },
    );

    await ctx.queues
      .queue(WEBHOOK_RESUME_QUEUE)
      .upsertJobScheduler(
        WEBHOOK_RESUME_QUEUE,
        { every: RESUME_EVERY_MS },
        { name: "resume", opts: { removeOnComplete: 10, removeOnFail: 10 } },
      );
    ctx.queues.worker(WEBHOOK_RESUME_QUEUE, () => webhookQueue(ctx).resumePending(RESUME_UNTOUCHED_FOR_MS));
  },
};
