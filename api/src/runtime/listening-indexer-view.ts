/**
 * Read-your-writes across processes: an API replica whose indexer runs elsewhere LISTENs on
 * the mirror's channel (the indexer NOTIFYs each advance of its watermark) and keeps its own
 * watermark from the notifications, so a request waits for exactly one notification instead
 * of polling. On (re)connect the watermark starts from the checkpoint table. Health comes
 * from the indexer's Redis beacon.
 */

import { quoteIdent } from "@justpay/db";
import { indexedSlotChannel, SlotWatermark } from "@justpay/indexer";
import type { Redis } from "ioredis";
import pg, { type Client } from "pg";
import { readIndexerBeacon } from "./indexer-beacon.js";
import { DEFAULT_SLOT_WAIT_MS, type IndexerView } from "./indexer-view.js";
import type { Logger } from "./logger.js";

export interface ListeningOptions {
  databaseUrl: string;
  schema: string;
  redis: Redis;
  keyspace: string;
  log: Logger;
}

export class ListeningIndexerView implements IndexerView {
  private readonly watermark = new SlotWatermark();
  private client: Client | null = null;
  private closed = false;
  private reconnectDelayMs = 500;
  readonly channel: string;

  private constructor(private readonly o: ListeningOptions) {
    this.channel = indexedSlotChannel(o.schema);
  }

  /** Resolves once listening, so no notification after this point is missed. */
  static async open(options: ListeningOptions): Promise<ListeningIndexerView> {
    const view = new ListeningIndexerView(options);
    await view.connect();
    return view;
  }

  get indexedSlot(): number {
    return this.watermark.slot;
  }

  waitForSlot(slot: number, timeoutMs = DEFAULT_SLOT_WAIT_MS): Promise<void> {
    return this.watermark.waitFor(slot, timeoutMs);
  }

  async status() {
    const beacon = await readIndexerBeacon(this.o.redis, this.o.keyspace);
    return beacon ?? { live: false, indexedSlot: this.watermark.slot, lagMs: Number.POSITIVE_INFINITY };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watermark.rejectAll(new Error("indexer view closed"));
    await this.client?.end().catch(() => {});
    this.client = null;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.o.databaseUrl,
      options: `-c search_path=${quoteIdent(this.o.schema)}`,
    });
    client.on("notification", (n) => {
      if (n.channel === this.channel && n.payload) this.watermark.advance(Number(n.payload));
    });
    client.on("error", (err) => this.o.log.warn({ err }, "indexer LISTEN connection failed; reconnecting"));
    client.on("end", () => {
      if (client !== this.client) return;
      this.client = null;
      this.reconnectLater();
    });
    await client.connect();
    await client.query(`listen ${quoteIdent(this.channel)}`);
    // Listening first, then reading: a notification between the two is not lost.
    const { rows } = await client.query<{ slot: string }>(
      "select coalesce(max(last_slot), -1)::bigint as slot from indexer_checkpoints",
    );
    this.watermark.advance(Number(rows[0]?.slot ?? -1));
    this.client = client;
    this.reconnectDelayMs = 500;
  }

  private reconnectLater(): void {
    if (this.closed) return;
    const delay = this.reconnectDelayMs;
    this.reconnectDelayMs = Math.min(10_000, delay * 2);
    setTimeout(() => {
      if (this.closed) return;
      this.connect().catch((err) => {
        this.o.log.warn({ err, retryInMs: this.reconnectDelayMs }, "indexer LISTEN reconnect failed");
        this.reconnectLater();
      });
    }, delay).unref();
  }
}
