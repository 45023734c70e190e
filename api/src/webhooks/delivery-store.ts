/**
 * Reads and writes the delivery log. Every state change is one conditional UPDATE naming the
 * attempt series it belongs to, so a stale or duplicated job (a stalled worker's job run again,
 * an old series after a replay) can never write over the current one.
 */

import type { DeliveryAttempt, DeliveryStatus, WebhookDeliveryRow } from "@justpay/db";
import type { Knex } from "@mikro-orm/postgresql";

export interface NewDelivery {
  id: string;
  agentId: string;
  event: string;
  data: unknown;
  url: string;
}

export interface PageRequest {
  /** From 1. */
  page: number;
  limit: number;
}

export interface DeliveryPage {
  deliveries: WebhookDeliveryRow[];
  total: number;
  page: number;
  limit: number;
}

export class DeliveryStore {
  constructor(
    private readonly knex: Knex,
    private readonly table = "webhook_deliveries",
  ) {}

  /** Inserts the delivery unless its id exists; returns the stored row either way. */
  async create(d: NewDelivery): Promise<WebhookDeliveryRow> {
    await this.knex.raw(
      `insert into ${this.table} (id, agent_id, event, payload, url, status)
       values (?, ?, ?, ?::jsonb, ?, 'pending') on conflict (id) do nothing`,
      [d.id, d.agentId, d.event, JSON.stringify(d.data ?? null), d.url],
    );
    const row = await this.get(d.id);
    if (!row) throw new Error(`webhook delivery ${d.id} vanished after insert`);
    return row;
  }

  async get(id: string): Promise<WebhookDeliveryRow | undefined> {
    const { rows } = await this.knex.raw(`select * from ${this.table} where id = ?`, [id]);
    return rows.map(asRow)[0];
  }

  /**
   * Appends an attempt of series `replays` and sets the resulting status, if the delivery is
   * still pending in that series. Returns false when the row had moved on (nothing written).
   */
  async recordAttempt(id: string, replays: number, attempt: DeliveryAttempt, status: DeliveryStatus): Promise<boolean> {
    const { rowCount } = await this.knex.raw(
      `update ${this.table} set attempts = attempts || ?::jsonb, status = ?, updated_at = now()
       where id = ? and replays = ? and status = 'pending'`,
      [JSON.stringify([attempt]), status, id, replays],
    );
    return rowCount === 1;
  }

  /**
   * Starts a new attempt series on a finished delivery (replay). Returns the reopened row, or
   * undefined when it does not exist, is another agent's, or is still being attempted.
   */
  async reopen(id: string, agentId?: string): Promise<WebhookDeliveryRow | undefined> {
    const { rows } = await this.knex.raw(
      `update ${this.table} set status = 'pending', replays = replays + 1, updated_at = now()
       where id = ? and status <> 'pending' ${agentId === undefined ? "" : "and agent_id = ?"} returning *`,
      agentId === undefined ? [id] : [id, agentId],
    );
    return rows.map(asRow)[0];
  }

  /** One page of an agent's deliveries, newest first. */
  async listForAgent(agentId: string, { page, limit }: PageRequest): Promise<DeliveryPage> {
    const [{ rows }, { rows: count }] = await Promise.all([
      this.knex.raw(
        `select * from ${this.table} where agent_id = ? order by created_at desc, id desc limit ? offset ?`,
        [agentId, limit, (page - 1) * limit],
      ),
      this.knex.raw(`select count(*)::int as n from ${this.table} where agent_id = ?`, [agentId]),
    ]);
    return { deliveries: rows.map(asRow), total: count[0].n, page, limit };
  }

  /** Deliveries still pending after `olderThanMs`: their job may have been lost with Redis. */
  async stalePending(olderThanMs: number, limit = 500): Promise<WebhookDeliveryRow[]> {
    const { rows } = await this.knex.raw(
      `select * from ${this.table} where status = 'pending'
       and updated_at < now() - (? * interval '1 millisecond') order by updated_at limit ?`,
      [olderThanMs, limit],
    );
    return rows.map(asRow);
  }
}

/** MikroORM's pg connection leaves timestamps as strings; the row type promises Dates. */
function asRow(raw: WebhookDeliveryRow): WebhookDeliveryRow {
  return { ...raw, created_at: new Date(raw.created_at), updated_at: new Date(raw.updated_at) };
}
