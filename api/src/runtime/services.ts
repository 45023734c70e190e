/**
 * Postgres and Redis for a process: the configured services (`DATABASE_URL`, `REDIS_URL`), or,
 * for whichever is unset, the embedded one (PGlite over the wire, a private redis-server).
 * Embedded parts are private to one process, so only the one-process stack may use them.
 */

import { type Database, migrate, openDatabase } from "@justpay/db";
import type { Redis } from "ioredis";
import type { Config } from "../config/config.js";
import type { Closer } from "./closer.js";
import { EMBEDDED_POOL, type EmbeddedPostgres, startEmbeddedPostgres } from "./embedded-postgres.js";
import { withSessionLock } from "./leader-lock.js";
import { closeRedis, openRedis } from "./open-redis.js";
import { type RedisChild, startRedisChild } from "./redis-server.js";

export interface Services {
  db: Database;
  databaseUrl: string;
  redis: Redis;
  redisUrl: string;
  embeddedPostgres?: EmbeddedPostgres;
  embeddedRedis?: RedisChild;
}

/** The embedded part, started (and registered for closing) only when no URL is configured. */
async function embeddedUnless<T extends { stop(): Promise<void> }>(
  configured: string | undefined,
  name: string,
  closer: Closer,
  start: () => Promise<T>,
): Promise<T | undefined> {
  if (configured) return undefined;
  const started = await start();
  closer.add(name, () => started.stop());
  return started;
}

const poolOf = (config: Config) => ({ min: 0, max: config.databasePoolMax });

export async function openServices(config: Config, closer: Closer, schema?: string): Promise<Services> {
  const embeddedPostgres = await embeddedUnless(config.databaseUrl, "embedded postgres", closer, () =>
    startEmbeddedPostgres(config.dataDir),
  );
  const databaseUrl = config.databaseUrl ?? embeddedPostgres!.url;
  const db = await openDatabase({ url: databaseUrl, schema, pool: embeddedPostgres ? EMBEDDED_POOL : poolOf(config) });
  closer.add("postgres", () => db.close(true));
  // Replicas starting together take turns: the Migrator itself does not serialize. The embedded
  // database has one process, and a second connection would only queue behind the first.
  if (embeddedPostgres) await migrate(db);
  else await withSessionLock(databaseUrl, "justpay-migrations", () => migrate(db));

  const embeddedRedis = await embeddedUnless(config.redisUrl, "embedded redis", closer, () =>
    startRedisChild(config.dataDir),
  );
  const redisUrl = config.redisUrl ?? embeddedRedis!.url;
  const redis = await openRedis(redisUrl);
  closer.add("redis", () => closeRedis(redis));
  return { db, databaseUrl, redis, redisUrl, embeddedPostgres, embeddedRedis };
}
