/** The highest slot the mirror reflects, and the callers waiting for it to reach theirs. */

export class SlotWaitTimeout extends Error {
  constructor(
    readonly slot: number,
    readonly indexedSlot: number,
    timeoutMs: number,
  ) {
    super(`indexer did not reach slot ${slot} within ${timeoutMs} ms (indexed: ${indexedSlot})`);
    this.name = "SlotWaitTimeout";
  }
}

interface Waiter {
  slot: number;
  resolve: () => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class SlotWatermark {
  private current = -1;
  private waiters: Waiter[] = [];

  get slot(): number {
    return this.current;
  }

  advance(slot: number): void {
    if (slot <= this.current) return;
    this.current = slot;
    const ready = this.waiters.filter((w) => w.slot <= slot);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.slot > slot);
    for (const w of ready) {
      clearTimeout(w.timer);
      w.resolve();
    }
  }

  waitFor(slot: number, timeoutMs: number): Promise<void> {
    if (slot <= this.current) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        slot,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new SlotWaitTimeout(slot, this.current, timeoutMs));
        }, timeoutMs),
      };
      this.waiters.push(waiter);
    });
  }

  /** Fails every pending wait, e.g. when the indexer stops. */
  rejectAll(error: Error): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) {
      clearTimeout(w.timer);
      w.reject(error);
    }
  }
}
