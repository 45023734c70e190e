/**
 * Telling an agent that something happened: the one call every route uses to send a
 * webhook (SEED_API.md, "Webhooks"). The event goes to the agent's callbackUrl, or to a URL
 * given for this event (a job's own callbackUrl, vetted when the job saved it), as
 * `{event, data, timestamp}` signed with the agent's secret; delivery, retries and the log
 * are the webhook queue's (api/src/webhooks/README.md).
 *
 * ```ts
 * import { notifyAgent } from "./notify.js";
 * await notifyAgent(ctx, agent.id, "wallet.address_changed", { previousAddress, newAddress, cooldownUntil },
 *   { id: `address-changed-${agent.id}-${slot}` });
 * ```
 */

import type { WebhookDeliveryRow } from "@justpay/db";
import type { AppContext } from "../context.js";
import { webhookQueue } from "./webhook-queue.js";
import { AgentWebhookSecrets } from "./webhook-secrets.js";

/** The seed's webhook events ("Webhook Events"); add new ones here as their routes land. */
export const AGENT_EVENTS = [
  "job.created",
  "job.assigned",
  "job.delivered",
  "job.completed",
  "job.cancelled",
  "job.disputed",
  "wallet.address_changed",
  "campaign.task_claimed",
  "campaign.task_delivered",
  "campaign.task_accepted",
  "campaign.task_rejected",
  "campaign.task_expired",
  "campaign.completed",
] as const;
export type AgentEvent = (typeof AGENT_EVENTS)[number];

/**
 * The event's data, or a function that builds it: data that costs queries to gather (a
 * client's reputation) is then built only when there is somewhere to send it.
 */
export type EventData = unknown | (() => Promise<unknown>);

export interface NotifyOptions {
  /** Send here instead of the agent's callbackUrl (a job's own callbackUrl). */
  url?: string;
  /**
   * A delivery id that makes the call idempotent: calling again with it sends nothing new.
   * Letters, digits, `-` and `_`. Random when omitted.
   */
  id?: string;
  /**
   * The agent's saved callbackUrl (null: none), when the caller read it with its own rows: the
   * lookup is then skipped. Omitted, it is read here.
   */
  savedUrl?: string | null;
}

/**
 * Queues `event` for the agent and returns its delivery (see `GET /api/v1/webhooks/deliveries`),
 * or undefined when there is nowhere to send it (no URL given and no callbackUrl saved, or no
 * such agent). Returns once the delivery is recorded and queued, before it is attempted.
 */
export async function notifyAgent(
  ctx: AppContext,
  agentId: string,
  event: AgentEvent,
  data: EventData,
  options: NotifyOptions = {},
): Promise<WebhookDeliveryRow | undefined> {
  let saved = options.savedUrl;
  if (saved === undefined) {
    const { rows } = await ctx.knex.raw(`select callback_url from agents where id = ?`, [agentId]);
    if (!rows[0]) return undefined;
    saved = rows[0].callback_url as string | null;
  }
  const url = options.url ?? saved;
  if (!url) return undefined;
  await new AgentWebhookSecrets(ctx.knex).current(agentId);
  const payload = typeof data === "function" ? await data() : data;
  return webhookQueue(ctx).enqueue({ agentId, event, data: payload, url, id: options.id });
}
