/** A Redis connection that is ready before it is handed out, so a bad URL fails the start. */
import { Redis } from "ioredis";

export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

export async function openRedis(url: string): Promise<Redis> {
  // Few retries per command: a request should fail fast (503 from /healthz) rather than hang.
  const redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: true });
  try {
    await redis.connect();
  } catch (e) {
    redis.disconnect();
    throw new Error(`cannot reach Redis at ${url}: ${(e as Error).message}`);
  }
  return redis;
}

/** Deletes every key under `prefix` (a test's keyspace), in batches so Redis never blocks. */
export async function deleteKeyspace(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
    cursor = next;
    if (keys.length > 0) deleted += await redis.del(...keys);
  } while (cursor !== "0");
  return deleted;
}

/** QUIT unless the connection is already gone (a test or a crash may have dropped it). */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === "end") return;
  await redis.quit();
}
