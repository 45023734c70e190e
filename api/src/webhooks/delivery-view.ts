/**
 * The public shape of a delivery for `GET /api/v1/webhooks/deliveries` and the replay route:
 * camelCase like the rest of the seed's API, with the zod schema the routes declare.
 */

import type { WebhookDeliveryRow } from "@justpay/db";
import type { DeliveryListSchema, DeliverySchema } from "@justpay/sdk/schemas";
import type { z } from "zod";
import type { DeliveryPage } from "./delivery-store.js";

export type DeliveryView = z.infer<typeof DeliverySchema>;

export function deliveryView(row: WebhookDeliveryRow): DeliveryView {
  return {
    id: row.id,
    event: row.event,
    data: row.payload,
    url: row.url,
    status: row.status,
    attempts: row.attempts,
    replays: row.replays,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function deliveryListView(page: DeliveryPage): z.infer<typeof DeliveryListSchema> {
  return {
    deliveries: page.deliveries.map(deliveryView),
    pagination: { page: page.page, limit: page.limit, total: page.total },
  };
}
