/**
 * The deadline sweep registry: every on-chain deadline someone must crank (a job's review
 * window, a campaign claim's expiry, …) is swept by one `DeadlineSweep` registered here.
 * A sweep answers one question, "crank everything due at `now`", and the registry runs them
 * all: the periodic worker (sweep-worker.ts) with the chain's time, and local mode's
 * `POST /dev/advance-time` right after it moved the clock. Withdrawal cooldowns need no
 * sweep: the program checks them when a withdrawal comes.
 */
import type { AppContext } from "../../context.js";

export interface DeadlineSweep {
  /** For logs and reports, e.g. "job-auto-release". */
  name: string;
  /**
   * Cranks every deadline due at `now` (unix seconds, the chain's clock) and resolves to how
   * many it cranked. Must be idempotent: a crank the program already settled is skipped.
   */
  runDue(ctx: AppContext, now: bigint): Promise<number>;
}

export interface SweepReport {
  name: string;
  cranked: number;
  /** Set when the sweep threw; the other sweeps still ran. */
  error?: string;
}

export class DeadlineRegistry {
  private readonly sweeps = new Map<string, DeadlineSweep>();

  constructor(sweeps: readonly DeadlineSweep[] = []) {
    for (const s of sweeps) this.register(s);
  }

  /** Adds a sweep; the returned function removes it again (tests). */
  register(sweep: DeadlineSweep): () => void {
    if (this.sweeps.has(sweep.name)) throw new Error(`deadline sweep ${sweep.name} is registered already`);
    this.sweeps.set(sweep.name, sweep);
    return () => {
      if (this.sweeps.get(sweep.name) === sweep) this.sweeps.delete(sweep.name);
    };
  }

  names(): string[] {
    return [...this.sweeps.keys()];
  }

  /** Runs every sweep in registration order; one failing does not stop the rest. */
  async runDue(ctx: AppContext, now: bigint): Promise<SweepReport[]> {
    const reports: SweepReport[] = [];
    for (const sweep of this.sweeps.values()) {
      try {
        reports.push({ name: sweep.name, cranked: await sweep.runDue(ctx, now) });
      } catch (err) {
        ctx.log.error({ err, sweep: sweep.name }, "deadline sweep failed");
        reports.push({ name: sweep.name, cranked: 0, error: (err as Error).message });
      }
    }
    return reports;
  }
}
