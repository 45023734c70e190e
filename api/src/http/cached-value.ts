/**
 * A value recomputed at most once per `ttlMs`: concurrent readers of an expired value share one
 * recomputation, and a failed one is not cached. For public numbers that may be a few seconds
 * old (platform stats) and are asked for far more often than they change.
 */
export class CachedValue<T> {
  private value?: { at: number; data: T };
  private pending?: Promise<T>;

  constructor(
    private readonly ttlMs: number,
    private readonly compute: () => Promise<T>,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<T> {
    if (this.value && this.now() - this.value.at < this.ttlMs) return Promise.resolve(this.value.data);
    this.pending ??= this.compute()
      .then((data) => {
        this.value = { at: this.now(), data };
        return data;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }
}
