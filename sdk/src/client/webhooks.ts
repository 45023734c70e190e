/** `c.webhooks`: the delivery log, replays and the signing secret. */
import type * as S from "../api-schemas/index.js";
import { Namespace, q, seg } from "./call.js";
import type { Answer, Query } from "./types.js";

export class WebhooksApi extends Namespace {
  /** Newest first, each with its attempts. */
  deliveries(query?: Query<typeof S.PageQuery>): Promise<Answer<typeof S.DeliveryListSchema>> {
    return this.call({ method: "GET", path: "/webhooks/deliveries", query: q(query) });
  }

  /** Sends a finished delivery again (same webhook-id, new signatures). */
  replay(deliveryId: string): Promise<Answer<typeof S.ReplayAnswer>> {
    return this.call({ method: "POST", path: `/webhooks/deliveries/${seg(deliveryId)}/replay` });
  }

  secret(): Promise<Answer<typeof S.WebhookSecret>> {
    return this.call({ method: "GET", path: "/webhooks/secret" });
  }

  /** The old secret stops at once. */
  rotateSecret(): Promise<Answer<typeof S.RotatedWebhookSecret>> {
    return this.call({ method: "POST", path: "/webhooks/secret/rotate" });
  }
}
