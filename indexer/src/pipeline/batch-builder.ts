/**
 * Items → one `WriteBatch`. Pure (no I/O), so its rules are unit-testable:
 * - per account only the newest state in the batch is written (a Postgres upsert may not
 *   touch the same row twice in one statement), equal slots keep the later item;
 * - events come from successful transactions only: a failed transaction's state was rolled
 *   back, so whatever it logged never happened;
 * - unknown discriminators, undecodable data and types the schema has no table for yet are
 *   reported, not fatal.
 */
import type { AccountDecoder } from "../decode/account-decoder.js";
import type { EventDecoder } from "../decode/event-decoder.js";
import type { AccountRow, Checkpoint, EventRecord, WriteBatch } from "../store/mirror-store.js";
import type { SourceItem, TransactionItem } from "./items.js";

export interface BatchStats {
  accountUpdates: number;
  accountCloses: number;
  transactions: number;
  failedTransactions: number;
  events: number;
}

export interface BuiltBatch {
  batch: WriteBatch;
  /** Highest slot among the items; -1 for an empty batch. */
  maxSlot: number;
  stats: BatchStats;
  unknownDiscriminators: string[];
  /** IDL account names decoded but not written, because no migration created their table yet. */
  unmirrored: string[];
  /** Undecodable accounts (by pubkey) and transactions whose logs could not be parsed (by signature). */
  decodeErrors: { pubkey: string; discriminator: string; error: string }[];
}

type Latest = { slot: number; typeName: string; row: AccountRow } | { slot: number; typeName: null };

export interface BatchContext {
  accounts: AccountDecoder;
  events: EventDecoder;
  /** Account types with a table; see `schemaCoverage`. */
  mirrored: ReadonlySet<string>;
  /** Checkpoint key. */
  source: string;
}

export function buildBatch(items: readonly SourceItem[], context: BatchContext): BuiltBatch {
  const { accounts, events, mirrored, source } = context;
  const latest = new Map<string, Latest>();
  const eventRecords: EventRecord[] = [];
  const stats: BatchStats = { accountUpdates: 0, accountCloses: 0, transactions: 0, failedTransactions: 0, events: 0 };
  const unknownDiscriminators: string[] = [];
  const unmirrored: string[] = [];
  const decodeErrors: BuiltBatch["decodeErrors"] = [];
  let maxSlot = -1;
  let newestTx: TransactionItem | null = null;

  for (const item of items) {
    maxSlot = Math.max(maxSlot, item.slot);
    if (item.kind === "transaction") {
      stats.transactions += 1;
      if (!newestTx || item.slot >= newestTx.slot) newestTx = item;
      if (item.err !== null) {
        stats.failedTransactions += 1;
        continue;
      }
      try {
        for (const e of events.decode(item.logs)) {
          eventRecords.push({ ...e, signature: item.signature, slot: item.slot, blockTime: item.blockTime });
        }
      } catch (error) {
        // Logs the parser cannot follow (truncated, unexpected framing) must not stop the stream.
        decodeErrors.push({ pubkey: item.signature, discriminator: "logs", error: (error as Error).message });
      }
      continue;
    }
    const previous = latest.get(item.pubkey);
    if (previous && previous.slot > item.slot) continue;
    if (item.data === null) {
      latest.set(item.pubkey, { slot: item.slot, typeName: null });
      continue;
    }
    const decoded = accounts.decode(item.data);
    if (!decoded.ok) {
      if (decoded.reason === "unknown-discriminator") unknownDiscriminators.push(decoded.discriminator);
      else decodeErrors.push({ pubkey: item.pubkey, discriminator: decoded.discriminator, error: decoded.error ?? "" });
      continue;
    }
    if (!mirrored.has(decoded.spec.name)) {
      unmirrored.push(decoded.spec.name);
      continue;
    }
    const row = { pubkey: item.pubkey, slot: item.slot, values: decoded.row };
    latest.set(item.pubkey, { slot: item.slot, typeName: decoded.spec.name, row });
  }

  const upserts = new Map<string, AccountRow[]>();
  const closes: WriteBatch["closes"] = [];
  for (const [pubkey, entry] of latest) {
    if (entry.typeName === null) {
      closes.push({ pubkey, slot: entry.slot });
      continue;
    }
    const rows = upserts.get(entry.typeName) ?? [];
    rows.push(entry.row);
    upserts.set(entry.typeName, rows);
  }
  stats.accountCloses = closes.length;
  stats.accountUpdates = latest.size - closes.length;
  stats.events = eventRecords.length;

  const checkpoint: Checkpoint | null =
    maxSlot < 0 ? null : { source, slot: maxSlot, signature: newestTx ? newestTx.signature : null };
  return {
    batch: { upserts, closes, events: eventRecords, checkpoint },
    maxSlot,
    stats,
    unknownDiscriminators,
    unmirrored,
    decodeErrors,
  };
}
