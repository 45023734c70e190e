/**
 * Opens everything the API runs on, in dependency order, and closes it in reverse: Postgres
 * (migrated), Redis, the chain, the platform, the indexer, the queues. `npm start` and the
 * tests go through this same path; tests only pick a private schema, keyspace and data dir.
 */
import { mkdir } from "node:fs/promises";
import { migrate } from "../../../indexer/src/db/migrate.js";
import { type Database, openDatabase } from "../../../indexer/src/db/orm.js";
import { Indexer } from "../../../indexer/src/indexer.js";
import type { Config } from "../config/config.js";
import { type AppContext, createContext } from "../context.js";
import { createRegistry } from "../metrics/app-metrics.js";
import { QueueRegistry } from "../queues/queue-registry.js";
import { inProcessIndexerView } from "./indexer-view.js";
import { createLogger, indexerLogger, type Logger } from "./logger.js";
import { type ChainOptions, openChain } from "./open-chain.js";
import { closeRedis, DEFAULT_REDIS_URL, openRedis } from "./open-redis.js";
import { openPlatform } from "./platform.js";
import { SignerRegistry } from "./signer-registry.js";
import { loadWalletMasterKey } from "./wallet-master-key.js";

export interface StackOptions {
  /** Postgres schema for every table (default `public`). */
  schema?: string;
  /** Prefix of every Redis key (default `justpay`). */
  keyspace?: string;
  chain?: ChainOptions;
  log?: Logger;
}

export interface Stack {
  ctx: AppContext;
  indexer: Indexer;
  /** Stops the indexer and queues, then closes the chain, Redis and Postgres. */
  close(): Promise<void>;
}

/** Runs `steps` in reverse, each once, reporting but not stopping at failures. */
class Closer {
  private readonly steps: [string, () => Promise<unknown>][] = [];
  constructor(private readonly log: Logger) {}

  add(name: string, step: () => Promise<unknown>): void {
    this.steps.push([name, step]);
  }

  async run(): Promise<void> {
    for (const [name, step] of this.steps.reverse().splice(0)) {
      try {
        await step();
      } catch (err) {
        this.log.error({ err }, `closing ${name} failed`);
      }
    }
  }
}

export async function openStack(config: Config, options: StackOptions = {}): Promise<Stack> {
  const log = options.log ?? createLogger(config);
  const closer = new Closer(log);
  try {
    await mkdir(config.dataDir, { recursive: true });
    const db: Database = await openDatabase({ url: config.databaseUrl, schema: options.schema });
    closer.add("postgres", () => db.close(true));
    await migrate(db);

    const redis = await openRedis(config.redisUrl ?? DEFAULT_REDIS_URL);
    closer.add("redis", () => closeRedis(redis));

    const chain = await openChain(config, log, options.chain);
    closer.add("chain", () => chain.close());
    const platform = await openPlatform(chain, config);

    const indexer = await Indexer.start({ chain, db, logger: indexerLogger(log) });
    closer.add("indexer", () => indexer.stop());

    const keyspace = options.keyspace ?? "justpay";
    const queues = new QueueRegistry(redis, keyspace);
    closer.add("queues", () => queues.close());

    const metrics = createRegistry();
    indexer.registerMetrics(metrics);
    const ctx = createContext({
      config,
      log,
      db,
      redis,
      keyspace,
      chain,
      platform,
      signers: new SignerRegistry(),
      masterKey: await loadWalletMasterKey(config),
      queues,
      metrics,
      indexer: inProcessIndexerView(indexer),
    });
    return { ctx, indexer, close: () => closer.run() };
  } catch (e) {
    await closer.run();
    throw e;
  }
}
