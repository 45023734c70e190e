/**
 * Sending side of webhooks: what route handlers and event handlers call. `enqueue` writes the
 * delivery row first and then its job, so the log never misses a delivery that was tried;
 * a row whose job was lost (a crash in between, a Redis flush) is picked up again by
 * `resumePending`.
 */
import { randomUUID } from "node:crypto";
import type { WebhookDeliveryRow } from "@justpay/db";
import { type ConnectionOptions, Queue } from "bullmq";
import type { DeliveryPage, DeliveryStore, PageRequest } from "./delivery-store.js";
import { WEBHOOK_QUEUE, type WebhookJobData, webhookJobId } from "./jobs.js";
import { WEBHOOK_JOB_OPTIONS } from "./retry-schedule.js";

export interface NewWebhook {
  agentId: string;
  event: string;
  data: unknown;
  /** The callback URL, vetted when it was saved; it is vetted again before every attempt. */
  url: string;
  /** A caller-chosen id makes enqueueing idempotent (letters, digits, '-' and '_'); random by default. */
  id?: string;
}

/** No delivery with this id belongs to the agent. */
export class DeliveryNotFoundError extends Error {
  override name = "DeliveryNotFoundError";
}

/** A replay was asked for while the delivery is still being attempted. */
export class DeliveryInProgressError extends Error {
  override name = "DeliveryInProgressError";
}

export type WebhookQueueOptions = (
  | {
      connection: ConnectionOptions;
      /** BullMQ's Redis key prefix. */
      prefix?: string;
    }
  | {
      /** A `webhooks` queue made elsewhere (the process's queue registry), which also closes it. */
      queue: Queue<WebhookJobData>;
    }
) & { store: DeliveryStore };

const DELIVERY_ID = /^(?!\d+$)[A-Za-z0-9_-]{1,128}$/;

export class WebhookQueue {
  readonly queue: Queue<WebhookJobData>;
  private readonly store: DeliveryStore;

  constructor(o: WebhookQueueOptions) {
    this.queue =
      "queue" in o ? o.queue : new Queue<WebhookJobData>(WEBHOOK_QUEUE, { connection: o.connection, prefix: o.prefix });
    this.store = o.store;
  }

  async enqueue(w: NewWebhook): Promise<WebhookDeliveryRow> {
    const id = w.id ?? randomUUID();
    if (!DELIVERY_ID.test(id)) throw new Error(`webhook delivery id ${JSON.stringify(id)} is not allowed`);
    const row = await this.store.create({ id, agentId: w.agentId, event: w.event, data: w.data, url: w.url });
    if (row.status === "pending") await this.schedule(row);
    return row;
  }

  /**
   * Sends a finished delivery again as a new series of attempts (same `webhook-id`, so the
   * receiver can recognise it). `agentId` restricts it to the owner's deliveries.
   */
  async replayDelivery(id: string, agentId?: string): Promise<WebhookDeliveryRow> {
    const row = await this.store.reopen(id, agentId);
    if (row) {
      await this.schedule(row);
      return row;
    }
    const existing = await this.store.get(id);
    if (!existing || (agentId !== undefined && existing.agent_id !== agentId))
      throw new DeliveryNotFoundError(`webhook delivery ${id} not found`);
    throw new DeliveryInProgressError(
      `webhook delivery ${id} is still being attempted; replay it once it has finished`,
    );
  }

  listDeliveries(agentId: string, page: PageRequest): Promise<DeliveryPage> {
    return this.store.listForAgent(agentId, page);
  }

  /** Queues again the pending deliveries untouched for `olderThanMs`; existing jobs make this a no-op. */
  async resumePending(olderThanMs: number): Promise<number> {
    const rows = await this.store.stalePending(olderThanMs);
    for (const row of rows) await this.schedule(row);
    return rows.length;
  }

  close(): Promise<void> {
    return this.queue.close();
  }

  private async schedule(row: WebhookDeliveryRow): Promise<void> {
    await this.queue.add(
      row.event,
      { deliveryId: row.id, replays: row.replays },
      { ...WEBHOOK_JOB_OPTIONS, jobId: webhookJobId(row.id, row.replays) },
    );
  }
}
