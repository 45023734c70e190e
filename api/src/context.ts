/**
 * The application context: everything a route needs, built once per process and decorated
 * on the Fastify instance as `app.ctx`. Routes never open connections or read the
 * environment themselves; tests build the same context on disposable resources.
 */

import type { Database } from "@justpay/db";
import type { Chain } from "@justpay/sdk";
import type { Knex } from "@mikro-orm/postgresql";
import type { Redis } from "ioredis";
import type { Registry } from "prom-client";
import { sealedKeyOfWallet } from "./agents/sealed-keys.js";
import { ApiKeyStore } from "./auth/api-key-store.js";
import type { Config } from "./config/config.js";
import { type Custody, openCustody } from "./custody/custody.js";
import { registerOutboxStates, registerQueueDepths } from "./metrics/app-metrics.js";
import type { QueueRegistry } from "./queues/queue-registry.js";
import type { IndexerStatus, IndexerView } from "./runtime/indexer-view.js";
import type { Logger } from "./runtime/logger.js";
import type { Platform } from "./runtime/platform.js";
import type { SignerRegistry } from "./runtime/signer-registry.js";
import { IntentStore } from "./tx/intent-store.js";
import { TxPipeline } from "./tx/pipeline.js";

export interface AppContext {
  config: Config;
  log: Logger;
  /** MikroORM over Postgres; every table (mirror and API) is in its one schema. */
  db: Database;
  /** Raw SQL on the same pool; the connection's search_path selects the schema. */
  knex: Knex;
  redis: Redis;
  /** Prefix for every Redis key this process writes (queues, rate limits, locks). */
  keyspace: string;
  chain: Chain;
  platform: Platform;
  /** The crash-safe transaction outbox (docs/transactions.md). */
  tx: TxPipeline;
  /** Signers the outbox may use; custody adds the agents' wallets. */
  signers: SignerRegistry;
  /** Seals new custodial wallets under the master key (api/src/custody). */
  custody: Custody;
  queues: QueueRegistry;
  /** The process's Prometheus registry, served at /metrics. */
  metrics: Registry;
  apiKeys: ApiKeyStore;
  /** Read-your-writes: after a transaction at `slot`, wait before reading the mirror. */
  waitForSlot(slot: number, timeoutMs?: number): Promise<void>;
  indexerStatus(): Promise<IndexerStatus>;
}

export interface ContextParts {
  config: Config;
  log: Logger;
  db: Database;
  redis: Redis;
  keyspace: string;
  chain: Chain;
  platform: Platform;
  signers: SignerRegistry;
  /** The custody master key (32 bytes), as loaded by `loadMasterKey`. */
  masterKey: Uint8Array;
  queues: QueueRegistry;
  metrics: Registry;
  indexer: IndexerView;
}

export function createContext(p: ContextParts): AppContext {
  const knex = p.db.em.getConnection().getKnex();
  p.signers.addKeypair(p.platform.feePayer, p.platform.operator, p.platform.arbiter, p.platform.admin);
  const tx = new TxPipeline({
    chain: p.chain,
    store: new IntentStore(knex),
    feePayer: p.platform.feePayer,
    signers: p.signers.resolve,
  });
  const custody = openCustody(p.masterKey, sealedKeyOfWallet(knex), p.signers);
  registerQueueDepths(p.metrics, p.queues);
  registerOutboxStates(p.metrics, knex);
  return {
    config: p.config,
    log: p.log,
    db: p.db,
    knex,
    redis: p.redis,
    keyspace: p.keyspace,
    chain: p.chain,
    platform: p.platform,
    tx,
    signers: p.signers,
    custody,
    queues: p.queues,
    metrics: p.metrics,
    apiKeys: new ApiKeyStore(knex),
    waitForSlot: (slot, timeoutMs) => p.indexer.waitForSlot(slot, timeoutMs),
    indexerStatus: () => p.indexer.status(),
  };
}
