/** The `webhooks` BullMQ queue's job: which delivery, in which attempt series. */
export const WEBHOOK_QUEUE = "webhooks";

export interface WebhookJobData {
  deliveryId: string;
  /** The delivery's `replays` when the job was queued; a job of an older series does nothing. */
  replays: number;
}

/**
 * The job id is the delivery id, so queueing a delivery twice makes one job; each replay is a
 * new series with an id of its own (BullMQ ids may not contain ':').
 */
export function webhookJobId(deliveryId: string, replays: number): string {
  return replays === 0 ? deliveryId : `${deliveryId}-replay-${replays}`;
}
