/** The agent's webhook deliveries and signing secret. */
import { z } from "zod";
import { PageQuery, Pagination } from "./common.js";

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

export const DeliveryParams = z.object({ id: z.string().min(1).max(128) });
export const ReplayAnswer = z.object({ message: z.string(), delivery: DeliverySchema });

export const WebhookSecret = z.object({ secret: z.string().describe("whsec_…") });
export const RotatedWebhookSecret = WebhookSecret.extend({ message: z.string() });
