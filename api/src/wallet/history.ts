/**
 * An agent's transaction history, built from the indexed program events (`events`, found by
 * the GIN index on `mentions`): the agent's wallet, plus the campaigns it owns, whose task and
 * top-up events name only the campaign. Newest first; paged after mapping, since one event
 * can make several entries or none.
 */
import type { Knex } from "@mikro-orm/postgresql";
import {
  type EventRow,
  type HistoryEntry,
  historyEntries,
  MONEY_EVENTS,
  type TransactionType,
} from "./history-entries.js";

export interface HistoryQuery {
  page: number;
  limit: number;
  type?: TransactionType;
}

export interface HistoryPage {
  transactions: HistoryEntry[];
  pagination: { page: number; limit: number; total: number };
}

export async function readHistory(knex: Knex, wallet: string, q: HistoryQuery): Promise<HistoryPage> {
  const { rows: owned } = await knex.raw("select pubkey from chain_campaign where owner = ?", [wallet]);
  const campaigns = new Set((owned as { pubkey: string }[]).map((r) => r.pubkey));
  const { rows } = await knex.raw(
    `select signature, event_index, slot, name, data, coalesce(block_time, indexed_at) as at
       from events
      where mentions && ?::text[] and name = any(?::text[])
      order by slot desc, signature desc, event_index desc`,
    [[wallet, ...campaigns], [...MONEY_EVENTS]],
  );
  const me = { wallet, campaigns };
  const all = (rows as EventRow[])
    .flatMap((e) => historyEntries({ ...e, at: new Date(e.at) }, me).reverse())
    .filter((t) => q.type === undefined || t.type === q.type);
  const start = (q.page - 1) * q.limit;
  return {
    transactions: all.slice(start, start + q.limit),
    pagination: { page: q.page, limit: q.limit, total: all.length },
  };
}
