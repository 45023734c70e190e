/**
 * The webhook queue on the process's context: the delivery log in the context's Postgres and
 * the `webhooks` BullMQ queue from the queue registry (which closes it at shutdown).
 */
import type { AppContext } from "../context.js";
import { DeliveryStore } from "../webhooks/delivery-store.js";
import { WEBHOOK_QUEUE, type WebhookJobData } from "../webhooks/jobs.js";
import { WebhookQueue } from "../webhooks/queue.js";

export function webhookQueue(ctx: AppContext): WebhookQueue {
  return new WebhookQueue({
    queue: ctx.queues.queue<WebhookJobData>(WEBHOOK_QUEUE),
    store: new DeliveryStore(ctx.knex),
  });
}
