/**
 * The machine's Redis for tests, with a BullMQ key prefix per test run so test files can run
 * in parallel against the one server, and every key they made is deleted afterwards.
 */
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";

const url = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
export const REDIS_CONNECTION = { host: url.hostname, port: Number(url.port || 6379) };

export function uniquePrefix(label: string): string {
  return `test:${label}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

export function redisClient(): Redis {
  return new Redis({ ...REDIS_CONNECTION, lazyConnect: false });
}

/** Deletes every key under `prefix`. */
export async function dropPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== "0");
}
