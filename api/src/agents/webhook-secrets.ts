/**
 * Each agent's webhook secret (`whsec_…`, api/src/webhooks/secrets.ts), kept on its profile.
 * Registration makes one; an agent without one (made before secrets existed, or by test
 * helpers) gets one the first time it is needed, so an event is never left unsignable.
 */
import type { Knex } from "@mikro-orm/postgresql";
import type { ResolveSecret } from "../webhooks/attempt.js";
import { generateWebhookSecret } from "../webhooks/secrets.js";

export class AgentWebhookSecrets {
  constructor(private readonly knex: Knex) {}

  /** The agent's secret, created now if it has none; undefined for an unknown agent. */
  async current(agentId: string): Promise<string | undefined> {
    const existing = await this.resolve(agentId);
    if (existing) return existing;
    // coalesce: a concurrent first use keeps whichever secret was stored first.
    const { rows } = await this.knex.raw(
      `update agents set webhook_secret = coalesce(webhook_secret, ?) where id = ? returning webhook_secret`,
      [generateWebhookSecret(), agentId],
    );
    return rows[0]?.webhook_secret;
  }

  /** Replaces the secret; deliveries sent from now on, retries included, carry the new one. */
  async rotate(agentId: string): Promise<string> {
    const secret = generateWebhookSecret();
    await this.knex.raw(`update agents set webhook_secret = ?, updated_at = now() where id = ?`, [secret, agentId]);
    return secret;
  }

  /** What the webhook worker signs with, read at send time (never creates one). */
  readonly resolve: ResolveSecret = async (agentId) => {
    const { rows } = await this.knex.raw(`select webhook_secret from agents where id = ?`, [agentId]);
    return rows[0]?.webhook_secret ?? undefined;
  };
}
