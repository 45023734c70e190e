/**
 * A short per-agent lock in Redis, so that one deposit scan runs at a time for an agent across
 * requests, workers and replicas. It keeps deposits in chain order and spares a second scan
 * the outbox's "busy" answer; it is not what makes crediting exactly-once (the outbox's
 * idempotency keys are), so a lock that expires under a slow chain costs nothing but order.
 */
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const POLL_MS = 50;

export interface LockOptions {
  ttlMs: number;
  /** How long to wait for another holder; 0 gives up at once. */
  waitMs: number;
}

/** Runs `fn` holding `key`; resolves `{ ran: false }` when the lock stayed taken for `waitMs`. */
export async function withLock<T>(
  redis: Redis,
  key: string,
  o: LockOptions,
  fn: () => Promise<T>,
): Promise<{ ran: true; value: T } | { ran: false }> {
  const token = randomUUID();
  const deadline = Date.now() + o.waitMs;
  while ((await redis.set(key, token, "PX", o.ttlMs, "NX")) !== "OK") {
    if (Date.now() >= deadline) return { ran: false };
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  try {
    return { ran: true, value: await fn() };
  } finally {
    await redis.eval(RELEASE, 1, key, token);
  }
}
