/**
 * The webhook delivery log: one row per event sent to an agent, with every attempt. It is
 * what `GET /api/v1/webhooks/deliveries` shows, and the source of truth for a delivery's
 * state (the BullMQ job only schedules the attempts).
 */
import { EntitySchema } from "@mikro-orm/core";

export type DeliveryStatus = "pending" | "delivered" | "failed";

export interface DeliveryAttempt {
  /** ISO 8601, when the attempt started. */
  at: string;
  /** The receiver's HTTP status; null when no response came (refused URL, timeout, network). */
  statusCode: number | null;
  latencyMs: number;
  /** Why the attempt did not deliver; null on a 2xx. */
  error: string | null;
}

export interface WebhookDeliveryRow {
  id: string;
  agent_id: string;
  event: string;
  /** The event's `data`; the body's `timestamp` is set per attempt. */
  payload: unknown;
  url: string;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
  /** How many times the delivery was replayed; names the current attempt series' job. */
  replays: number;
  created_at: Date;
  updated_at: Date;
}

export const WebhookDelivery = new EntitySchema<WebhookDeliveryRow>({
  name: "WebhookDelivery",
  tableName: "webhook_deliveries",
  properties: {
    id: { type: "string", columnType: "text", primary: true },
    agent_id: { type: "string", columnType: "text" },
    event: { type: "string", columnType: "text" },
    payload: { type: "json", columnType: "jsonb" },
    url: { type: "string", columnType: "text" },
    status: { type: "string", columnType: "text" },
    attempts: { type: "json", columnType: "jsonb", defaultRaw: "'[]'" },
    replays: { type: "integer", columnType: "int", default: 0 },
    created_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
    updated_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
  },
  indexes: [{ name: "webhook_deliveries_agent_created_index", properties: ["agent_id", "created_at"] }],
});
