/**
 * Counting the SQL a flow sends, at the pg driver, so transactions, the outbox, the indexer and
 * the workers are all included: the shared part of the benches' `trace-queries.ts` scripts.
 * Importing this module hooks every pg client of the process.
 */
import pg from "pg";

const seen: string[] = [];
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: unknown, ...args: any[]) {
  const text = typeof args[0] === "string" ? args[0] : args[0]?.text;
  if (text) seen.push(String(text).replace(/\s+/g, " ").slice(0, 160));
  return (original as any).apply(this, args);
} as any;

export type TracedStep = [name: string, run: () => Promise<unknown>];

/**
 * Runs the steps one at a time, each alone between pauses that let the indexer and the workers
 * finish what it set off, and, when `show`, prints each step's queries; answers the total.
 */
export async function traceSteps(steps: TracedStep[], show: boolean, unit: string): Promise<number> {
  let total = 0;
  for (const [name, run] of steps) {
    await new Promise((r) => setTimeout(r, 300));
    seen.length = 0;
    await run();
    await new Promise((r) => setTimeout(r, 300));
    total += seen.length;
    if (show) {
      console.log(`== ${name}: ${seen.length} queries`);
      for (const q of seen) console.log(`   ${q}`);
    }
  }
  if (show) console.log(`total ${total} queries per ${unit}`);
  return total;
}
