/**
 * Remembers the last valid block height of blockhashes this chain handed out, because a
 * signed transaction carries its blockhash but not the height after which it can no longer
 * land, and that height is what tells "still in flight" from "expired, re-sign".
 */
const CAPACITY = 512;

export class BlockhashCache {
  private readonly heights = new Map<string, number>();

  remember(blockhash: string, lastValidBlockHeight: number): void {
    this.heights.delete(blockhash);
    this.heights.set(blockhash, lastValidBlockHeight);
    if (this.heights.size > CAPACITY) this.heights.delete(this.heights.keys().next().value as string);
  }

  lastValidBlockHeight(blockhash: string): number | undefined {
    return this.heights.get(blockhash);
  }
}
