/**
 * The public shape of a delivery for `GET /api/v1/webhooks/deliveries` and the replay route:
 * camelCase like the rest of the seed's API, with the zod schema the routes declare.
 */

import type { WebhookDeliveryRow } from "@justpay/db";
import { z } from "zod";
import { PageQuery, Pagination } from "../http/pagination.js";
import type { DeliveryPage } from "./delivery-store.js";

export const DeliveryAttemptSchema = z.object({
  at: z.string(),
  statusCode: z.number().int().nullable(),
  latencyMs: z.number().int(),
  error: z.string().nullable(),
});

export const DeliverySchema = z.object({
  id: z.string(),
  event: z.string(),
  data: z.unknown(),
  url: z.string(),
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.array(DeliveryAttemptSchema),
  replays: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const DeliveryListSchema = z.object({
  deliveries: z.array(DeliverySchema),
  pagination: Pagination,
});

/** The seed's list parameters: page from 1, limit up to 100, 20 by default. */
export const DeliveryListQuerySchema = PageQuery;

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
