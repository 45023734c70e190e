/**
 * The indexer process's status, published in Redis every second with a short expiry, so an
 * API replica's /healthz and /metrics can report on an indexer that runs elsewhere. No
 * beacon means no live indexer.
 */
import type { Redis } from "ioredis";
import type { IndexerStatus } from "./indexer-view.js";

const PUBLISH_EVERY_MS = 1_000;
const EXPIRES_AFTER_MS = 5_000;

export function beaconKey(keyspace: string): string {
  return `${keyspace}:indexer:status`;
}

/** Publishes `read()` until the returned function is called. */
export function publishIndexerBeacon(redis: Redis, keyspace: string, read: () => IndexerStatus): () => Promise<void> {
  const key = beaconKey(keyspace);
  const publish = () =>
    redis.set(key, JSON.stringify(read()), "PX", EXPIRES_AFTER_MS).then(
      () => {},
      () => {}, // Redis trouble: the beacon lapses and health checks say so
    );
  void publish();
  const timer = setInterval(publish, PUBLISH_EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await redis.del(key).catch(() => {});
  };
}

export async function readIndexerBeacon(redis: Redis, keyspace: string): Promise<IndexerStatus | undefined> {
  const raw = await redis.get(beaconKey(keyspace));
  return raw ? (JSON.parse(raw) as IndexerStatus) : undefined;
}
