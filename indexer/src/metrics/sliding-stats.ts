/** Small fixed-memory statistics: a ring of recent samples for percentiles, a windowed rate. */

export class RecentSamples {
  private readonly values: Float64Array;
  private next = 0;
  private filled = 0;

  constructor(capacity = 4096) {
    this.values = new Float64Array(capacity);
  }

  add(value: number): void {
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.values.length;
    this.filled = Math.min(this.filled + 1, this.values.length);
  }

  /** Nearest-rank percentile of the retained samples; 0 when empty. */
  percentile(p: number): number {
    if (this.filled === 0) return 0;
    const sorted = Array.from(this.values.subarray(0, this.filled)).sort((a, b) => a - b);
    const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
    return sorted[rank] as number;
  }

  get count(): number {
    return this.filled;
  }
}

/** Events per second over the last `windowMs`, counted in one-second buckets. */
export class RateWindow {
  private readonly buckets = new Map<number, number>();

  constructor(private readonly windowMs = 10_000) {}

  add(count: number, now = Date.now()): void {
    const second = Math.floor(now / 1000);
    this.buckets.set(second, (this.buckets.get(second) ?? 0) + count);
    this.prune(now);
  }

  perSecond(now = Date.now()): number {
    this.prune(now);
    let total = 0;
    for (const n of this.buckets.values()) total += n;
    return total / (this.windowMs / 1000);
  }

  private prune(now: number): void {
    const oldest = Math.floor((now - this.windowMs) / 1000);
    for (const second of this.buckets.keys()) if (second <= oldest) this.buckets.delete(second);
  }
}
