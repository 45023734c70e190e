/**
 * Group commit for one kind of write: callers submit items, and whatever arrives while a
 * statement is in flight goes out together in the next one. Alone, an item is written at once
 * (no timer, no added latency); under load, N concurrent writes cost one statement and one
 * commit instead of N. Each caller's promise settles when the statement holding its item has
 * committed, so awaiting `submit` means what awaiting a single statement meant. A failed
 * statement fails every item it carried.
 */
export class StatementBatcher<T> {
  private queued: { item: T; resolve: () => void; reject: (e: unknown) => void }[] = [];
  private inFlight = false;

  /** `write` runs one statement for all the items, at most `maxBatch` of them. */
  constructor(
    private readonly write: (items: T[]) => Promise<void>,
    private readonly maxBatch = 200,
  ) {}

  submit(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queued.push({ item, resolve, reject });
      if (!this.inFlight) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.inFlight = true;
    while (this.queued.length > 0) {
      const batch = this.queued.splice(0, this.maxBatch);
      try {
        await this.write(batch.map((b) => b.item));
        for (const b of batch) b.resolve();
      } catch (e) {
        for (const b of batch) b.reject(e);
      }
    }
    this.inFlight = false;
  }
}
