/**
 * Slot and time of the local chain, kept in litesvm's Clock sysvar so programs see them.
 *
 * - Every landed transaction gets its own, new slot (slots strictly increase in the log).
 * - In "wall" mode the time follows the machine's clock plus an offset that `warpTo` sets,
 *   so deadlines pass in real time in a long-running dev chain; it never moves backwards by
 *   itself. In "manual" mode (tests) time moves only with `warpTo`.
 * - The sysvar is brought up to date lazily, before a transaction executes or time is read,
 *   since nothing observes it in between.
 */
import type { Clock, LiteSVM } from "litesvm";
import { liteSvm } from "./litesvm-module.js";

export type ClockMode = "wall" | "manual";

const wallSeconds = () => BigInt(Math.floor(Date.now() / 1000));

const withValues = (c: Clock, slot: bigint, unixTimestamp: bigint) =>
  new (liteSvm().Clock)(slot, c.epochStartTimestamp, c.epoch, c.leaderScheduleEpoch, unixTimestamp);

export class ChainClock {
  constructor(
    private readonly svm: LiteSVM,
    readonly mode: ClockMode,
    /** Seconds `warpTo` moved the wall clock by; persisted in snapshots. */
    public offset: bigint,
    private readonly now: () => bigint = wallSeconds,
  ) {}

  slot(): number {
    return Number(this.svm.getClock().slot);
  }

  /** Brings the sysvar's time up to wall time + offset; never moves it backwards. */
  refresh(): void {
    if (this.mode !== "wall") return;
    const c = this.svm.getClock();
    const target = this.now() + this.offset;
    if (target > c.unixTimestamp) this.svm.setClock(withValues(c, c.slot, target));
  }

  unixTime(): bigint {
    this.refresh();
    return this.svm.getClock().unixTimestamp;
  }

  /** Opens the next slot for a transaction; returns the clock to restore if it does not land. */
  openSlot(): { previous: Clock; slot: number; unixTime: bigint } {
    this.refresh();
    const previous = this.svm.getClock();
    const next = withValues(previous, previous.slot + 1n, previous.unixTimestamp);
    this.svm.setClock(next);
    return { previous, slot: Number(next.slot), unixTime: next.unixTimestamp };
  }

  restore(previous: Clock): void {
    this.svm.setClock(previous);
  }

  /** Sets the time. In wall mode, later reads keep advancing from there in real time. */
  warpTo(unixTimestamp: bigint): void {
    if (this.mode === "wall") this.offset = unixTimestamp - this.now();
    const c = this.svm.getClock();
    this.svm.setClock(withValues(c, c.slot, unixTimestamp));
  }

  /** Advances the slot without transactions, like empty blocks on a cluster. */
  skipSlots(count: number): number {
    const c = this.svm.getClock();
    this.svm.setClock(withValues(c, c.slot + BigInt(count), c.unixTimestamp));
    return Number(c.slot) + count;
  }

  /** Recovery: puts the clock where a logged transaction left it. */
  set(slot: number, unixTimestamp: bigint): void {
    this.svm.setClock(withValues(this.svm.getClock(), BigInt(slot), unixTimestamp));
  }
}
