/**
 * What a webhook request carries, signed two ways:
 *
 * - `X-JustPayAI-Signature`, the seed's header (justpay-signature.ts). The body holds
 *   `timestamp`, the time of this attempt, so the signed material carries its own freshness.
 * - Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`), keyed with the
 *   base64-decoded secret as that spec says, so off-the-shelf verifiers work.
 *
 * `webhook-id` is the delivery id, the same across retries and replays, for deduplication.
 */
import { Webhook } from "standardwebhooks";
import { JUSTPAY_SIGNATURE_HEADER, justPaySignature, type WebhookPayload } from "./justpay-signature.js";

export interface SignedWebhook {
  body: string;
  headers: Record<string, string>;
}

export interface WebhookToSign {
  /** The delivery id: `webhook-id`, stable across retries. */
  id: string;
  event: string;
  data: unknown;
  secret: string;
  at: Date;
}

export function signWebhook(w: WebhookToSign): SignedWebhook {
  const payload: WebhookPayload = { event: w.event, data: w.data, timestamp: w.at.toISOString() };
  const body = JSON.stringify(payload);
  return {
    body,
    headers: {
      "content-type": "application/json",
      [JUSTPAY_SIGNATURE_HEADER]: justPaySignature(body, w.secret),
      "webhook-id": w.id,
      "webhook-timestamp": String(Math.floor(w.at.getTime() / 1000)),
      "webhook-signature": new Webhook(w.secret).sign(w.id, w.at, body),
    },
  };
}
