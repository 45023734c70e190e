/**
 * Tells other processes (API replicas) how far the mirror is: each time the indexer's
 * watermark advances, `NOTIFY <channel>, '<slot>'`. Listeners wait on it for read-your-writes
 * instead of polling. Notifications are coalesced: while one is in flight only the newest
 * slot is kept, so a burst of commits costs a handful of round trips, not one per batch.
 */
import type { Knex } from "@mikro-orm/postgresql";

/** The channel for a schema's mirror (one database may hold many, e.g. parallel test runs). */
export function indexedSlotChannel(schema: string): string {
  return `justpay_indexed:${schema}`.slice(0, 63);
}

export class SlotNotifier {
  private pending: number | null = null;
  private sending = false;

  constructor(
    private readonly knex: Knex,
    readonly channel: string,
    private readonly onError: (error: Error) => void = () => {},
  ) {}

  notify(slot: number): void {
    if (this.pending !== null && this.pending >= slot) return;
    this.pending = slot;
    if (!this.sending) void this.flush();
  }

  private async flush(): Promise<void> {
    this.sending = true;
    while (this.pending !== null) {
      const slot = this.pending;
      this.pending = null;
      try {
        await this.knex.raw("select pg_notify(?, ?)", [this.channel, String(slot)]);
      } catch (error) {
        // Listeners re-read the checkpoint when they reconnect; a lost notification only delays them.
        this.onError(error as Error);
      }
    }
    this.sending = false;
  }
}
