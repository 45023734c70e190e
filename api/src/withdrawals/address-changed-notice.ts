/**
 * The `wallet.address_changed` webhook. Until the agents module's `notifyAgent(ctx, agentId,
 * event, data)` lands, this enqueues on the webhooks queue itself; when it does, the body
 * becomes that one call. A failure to enqueue is logged, never turned into an error: the
 * address did change on-chain, and the answer must say so.
 */
import type { AppContext } from "../context.js";
import { DeliveryStore } from "../webhooks/delivery-store.js";
import { WebhookQueue } from "../webhooks/queue.js";

export interface AddressChanged {
  previousAddress: string;
  newAddress: string;
  /** ISO 8601: no withdrawal before this. */
  cooldownUntil: string;
  /** The `set_withdrawal_address` transaction. */
  signature: string;
}

const queues = new WeakMap<AppContext, WebhookQueue>();

function webhookQueue(ctx: AppContext): WebhookQueue {
  let queue = queues.get(ctx);
  if (!queue) {
    queue = new WebhookQueue({ connection: ctx.redis, prefix: ctx.keyspace, store: new DeliveryStore(ctx.knex) });
    queues.set(ctx, queue);
  }
  return queue;
}

export async function notifyAddressChanged(ctx: AppContext, agentId: string, data: AddressChanged): Promise<void> {
  try {
    const { rows } = await ctx.knex.raw(`select callback_url from agents where id = ?`, [agentId]);
    const url: string | null = rows[0]?.callback_url ?? null;
    if (!url) return;
    // One delivery per on-chain change, however often this runs for it.
    await webhookQueue(ctx).enqueue({
      agentId,
      event: "wallet.address_changed",
      data,
      url,
      id: `address-changed-${data.signature}`,
    });
  } catch (err) {
    ctx.log.error({ err, agentId }, "could not enqueue the wallet.address_changed webhook");
  }
}
