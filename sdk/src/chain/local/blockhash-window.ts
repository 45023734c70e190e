/**
 * Block height and blockhash validity. litesvm only accepts its latest blockhash, so its own
 * check is disabled and this applies the cluster's rule instead: a blockhash is valid until
 * the block height passes the height it was issued at plus 150.
 *
 * The slot advances with every transaction (so each has its own), but the block height
 * advances with wall time, one block per 400 ms as on a cluster, plus any skipped slots.
 * Tying validity to transactions instead would expire a blockhash after 150 transactions,
 * which a busy API reaches in well under a second. A new blockhash is issued after every
 * transaction (identical transactions built later get distinct signatures) and whenever the
 * latest one is read after time has moved on.
 */
export const BLOCKHASH_VALIDITY_BLOCKS = 150;
export const BLOCK_MILLIS = 400;

export class BlockhashWindow {
  /** Blockhash -> block height it was issued at, oldest first (Map keeps insertion order). */
  private readonly issued = new Map<string, number>();

  /**
   * @param offset block height minus wall-clock blocks (persisted, so height never goes back)
   */
  constructor(
    public offset: number,
    private readonly now: () => number = Date.now,
  ) {}

  static offsetFor(height: number, now: () => number = Date.now): number {
    return height - Math.floor(now() / BLOCK_MILLIS);
  }

  height(): number {
    return this.offset + Math.floor(this.now() / BLOCK_MILLIS);
  }

  /** Empty blocks: moves the height on at once. */
  skip(blocks: number): void {
    this.offset += blocks;
  }

  issue(blockhash: string): void {
    const height = this.height();
    this.issued.set(blockhash, height);
    for (const [hash, at] of this.issued) {
      if (at + BLOCKHASH_VALIDITY_BLOCKS >= height) break;
      this.issued.delete(hash);
    }
  }

  /** True when `blockhash` was issued at an older height than the current one. */
  isStale(blockhash: string): boolean {
    const at = this.issued.get(blockhash);
    return at === undefined || at < this.height();
  }

  lastValidBlockHeight(blockhash: string): number | undefined {
    const at = this.issued.get(blockhash);
    return at === undefined ? undefined : at + BLOCKHASH_VALIDITY_BLOCKS;
  }

  isValid(blockhash: string): boolean {
    const last = this.lastValidBlockHeight(blockhash);
    return last !== undefined && this.height() <= last;
  }
}
