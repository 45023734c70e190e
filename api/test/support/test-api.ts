/**
 * The real API on disposable resources: a migrated Postgres schema of its own, a Redis
 * keyspace of its own (both deleted afterwards), a LocalChain in a temporary directory with
 * the platform bootstrapped, and the indexer running, so read-your-writes works as in
 * production. Requests go through `app.inject`.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { databaseUrl, quoteIdent } from "@justpay/db";
import { uniqueSchema } from "@justpay/indexer/testing";
import type { LocalChain } from "@justpay/sdk";
import { knex as createKnex } from "@mikro-orm/postgresql";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { loadConfig } from "../../src/config/config.js";
import type { AppContext } from "../../src/context.js";
import { ROUTE_MODULES } from "../../src/routes/index.js";
import type { RouteModule } from "../../src/routes/route-module.js";
import type { Logger } from "../../src/runtime/logger.js";
import { DEFAULT_REDIS_URL, deleteKeyspace, openRedis } from "../../src/runtime/open-redis.js";
import { openStack, type Stack } from "../../src/runtime/stack.js";
import { buildServer } from "../../src/server.js";

export interface TestApi {
  app: FastifyInstance;
  ctx: AppContext;
  stack: Stack;
  /** The LocalChain the platform was bootstrapped on. */
  chain: LocalChain;
  adminKey: string;
  /** The Postgres schema and the data dir of this API (for processes started beside it). */
  schema: string;
  dataDir: string;
  /** `app.inject` with `Authorization: Bearer <bearer>` when given. */
  request(options: InjectOptions & { bearer?: string }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface TestApiOptions {
  /** Extra route modules (probes for the core's behaviour), registered after the real ones. */
  routes?: RouteModule[];
  label?: string;
  /** The process logger (default: pino at LOG_LEVEL, silent unless set). */
  log?: Logger;
  /** Extra environment for `loadConfig`, e.g. `{ JUSTPAY_RATE_LIMIT_PER_MINUTE: "5" }`. */
  env?: Record<string, string>;
  /** Start the worker modules in this process (default true); off when separate worker processes run them. */
  workers?: boolean;
}

export async function startTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const label = options.label ?? "api";
  const dataDir = await mkdtemp(join(tmpdir(), `justpay-${label}-`));
  const adminKey = `admin-${randomBytes(16).toString("hex")}`;
  const redisUrl = process.env.REDIS_URL ?? DEFAULT_REDIS_URL;
  const config = loadConfig({
    DATABASE_URL: databaseUrl(),
    REDIS_URL: redisUrl,
    JUSTPAY_DATA_DIR: dataDir,
    JUSTPAY_ADMIN_KEY: adminKey,
    NODE_ENV: "test",
    // Quiet unless asked (LOG_LEVEL=info): the tests assert on answers, not on log lines.
    LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
    // The chain as an RPC node on a free port (api.stack.chainRpc), as `npm start` serves it.
    JUSTPAY_CHAIN_RPC_PORT: "0",
    // DATABASE_POOL_MAX=1 runs a test as the embedded database would: one connection, so a
    // query outside its caller's transaction waits forever instead of passing unnoticed.
    ...(process.env.DATABASE_POOL_MAX ? { DATABASE_POOL_MAX: process.env.DATABASE_POOL_MAX } : {}),
    ...options.env,
  });
  const schema = uniqueSchema(label);
  const keyspace = `t_${label}_${process.pid}_${randomBytes(3).toString("hex")}`;
  const cleanUp = async () => {
    const admin = createKnex({ client: "pg", connection: databaseUrl() });
    await admin.raw(`drop schema if exists ${quoteIdent(schema)} cascade`).finally(() => admin.destroy());
    const redis = await openRedis(redisUrl);
    await deleteKeyspace(redis, keyspace).finally(() => redis.quit());
    await rm(dataDir, { recursive: true, force: true });
  };

  let stack: Stack;
  try {
    stack = await openStack(config, {
      schema,
      keyspace,
      chain: { durable: false },
      log: options.log,
      workers: options.workers,
    });
  } catch (e) {
    await cleanUp();
    throw e;
  }
  const app = await buildServer(stack.ctx, [...ROUTE_MODULES, ...(options.routes ?? [])]);
  return {
    app,
    ctx: stack.ctx,
    stack,
    chain: stack.ctx.chain as LocalChain,
    adminKey,
    schema,
    dataDir,
    request: ({ bearer, headers, ...rest }) =>
      app.inject({ ...rest, headers: { ...headers, ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) } }),
    close: async () => {
      await app.close();
      await stack.close();
      await cleanUp();
    },
  };
}
