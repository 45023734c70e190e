/**
 * Opens everything a process of the `all`, `api` or `worker` role runs on, in dependency
 * order, and closes it in reverse: Postgres (migrated) and Redis (configured or embedded),
 * the chain, the platform, the indexer (in-process for `all`, listened to otherwise), the
 * queues and, for `all` and `worker`, the worker modules. `npm start` and the tests go
 * through this same path; tests only pick a private schema, keyspace and data dir.
 */
import { mkdir } from "node:fs/promises";
import { Indexer } from "@justpay/indexer";
import type { ChainRpcServer, LocalChain } from "@justpay/sdk";
import type { Config } from "../config/config.js";
import { type AppContext, createContext } from "../context.js";
import { createRegistry, registerRemoteIndexerStatus } from "../metrics/app-metrics.js";
import { QueueRegistry } from "../queues/queue-registry.js";
import { WORKER_MODULES } from "../workers/index.js";
import { serveLocalChainRpc } from "./chain-rpc.js";
import { Closer } from "./closer.js";
import { publishIndexerBeacon } from "./indexer-beacon.js";
import { type IndexerView, indexerStatus, inProcessIndexerView } from "./indexer-view.js";
import { ListeningIndexerView } from "./listening-indexer-view.js";
import { createLogger, indexerLogger, type Logger } from "./logger.js";
import { type ChainOptions, openChain } from "./open-chain.js";
import { openPlatform } from "./platform.js";
import { type Role, requireSharedServices } from "./roles.js";
import { openServices, type Services } from "./services.js";
import { SignerRegistry } from "./signer-registry.js";
import { loadWalletMasterKey } from "./wallet-master-key.js";

export interface StackOptions {
  role?: Exclude<Role, "indexer">;
  /** Postgres schema for every table (default `public`). */
  schema?: string;
  /** Prefix of every Redis key (default `justpay`). */
  keyspace?: string;
  chain?: ChainOptions;
  log?: Logger;
  /** Start the worker modules (default: for the `all` and `worker` roles). */
  workers?: boolean;
}

export interface Stack {
  ctx: AppContext;
  role: Exclude<Role, "indexer">;
  services: Services;
  /** The in-process indexer (`all` role only). */
  indexer: Indexer | null;
  /** Local mode, `all` role: the LocalChain served as an RPC node (JUSTPAY_CHAIN_RPC_PORT). */
  chainRpc: ChainRpcServer | null;
  /** Stops workers, indexer and queues, then closes the chain, Redis and Postgres. */
  close(): Promise<void>;
}

export const DEFAULT_KEYSPACE = "justpay";

export async function openStack(config: Config, options: StackOptions = {}): Promise<Stack> {
  const role = options.role ?? "all";
  requireSharedServices(config, role);
  const log = options.log ?? createLogger(config);
  const closer = new Closer(log);
  const schema = options.schema ?? "public";
  const keyspace = options.keyspace ?? DEFAULT_KEYSPACE;
  try {
    await mkdir(config.dataDir, { recursive: true });
    const services = await openServices(config, closer, schema);
    const { db, redis } = services;

    const chain = await openChain(config, log, options.chain);
    closer.add("chain", () => chain.close());
    const platform = await openPlatform(chain, config);
    const metrics = createRegistry();
    let chainRpc: ChainRpcServer | null = null;
    if (role === "all" && chain.kind === "local" && config.chainRpcPort !== null) {
      const served = await serveLocalChainRpc(chain as LocalChain, config, log);
      chainRpc = served;
      closer.add("chain rpc", () => served.close());
    }

    let indexer: Indexer | null = null;
    let view: IndexerView;
    if (role === "all") {
      // Other processes (extra API replicas) can only follow a shared database.
      const shared = !services.embeddedPostgres;
      const started = await Indexer.start({ chain, db, logger: indexerLogger(log), notify: shared });
      indexer = started;
      closer.add("indexer", () => started.stop());
      started.registerMetrics(metrics);
      view = inProcessIndexerView(started);
      if (!services.embeddedRedis) {
        const stopBeacon = publishIndexerBeacon(redis, keyspace, () => indexerStatus(started));
        closer.add("indexer beacon", stopBeacon);
      }
    } else {
      const listening = await ListeningIndexerView.open({
        databaseUrl: services.databaseUrl,
        schema,
        redis,
        keyspace,
        log,
      });
      closer.add("indexer listener", () => listening.close());
      registerRemoteIndexerStatus(metrics, listening);
      view = listening;
    }

    const queues = new QueueRegistry(redis, keyspace);
    closer.add("queues", () => queues.close());
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
      indexer: view,
    });
    if (options.workers ?? role !== "api") {
      for (const module of WORKER_MODULES) {
        const stop = await module.start(ctx);
        if (stop) closer.add(`worker ${module.name}`, stop);
      }
    }
    return { ctx, role, services, indexer, chainRpc, close: () => closer.run() };
  } catch (e) {
    await closer.run();
    throw e;
  }
}
