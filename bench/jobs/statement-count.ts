/**
 * Counting the SQL statements the server process sends under load, at the pg driver: unlike
 * trace-queries.ts's one isolated lifecycle, this includes the batching that concurrency
 * brings (the indexer writes many transactions per statement, a follower pass handles many
 * events). Importing this module hooks every pg client of the process.
 */
import pg from "pg";

let sent = 0;
const original = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: unknown, ...args: unknown[]) {
  sent += 1;
  return (original as (...a: unknown[]) => unknown).apply(this, args);
} as typeof original;

/** Starts a count; the returned function gives the statements sent since. */
export function statementCount(): () => number {
  const before = sent;
  return () => sent - before;
}
