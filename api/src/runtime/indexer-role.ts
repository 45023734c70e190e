/**
 * The indexer role (`npm run start:indexer`): one process at a time writes the mirror. Every
 * process of the role competes for the leader lock; the holder runs the indexer, NOTIFYs each
 * advance for the API replicas and publishes its status beacon; the others stand by and take
 * over within seconds when the holder dies or loses its database session.
 */
import { Indexer } from "@justpay/indexer";
import type { Config } from "../config/config.js";
import { Closer } from "./closer.js";
import { publishIndexerBeacon } from "./indexer-beacon.js";
import { indexerStatus } from "./indexer-view.js";
import { type Leadership, runAsLeader } from "./leader-lock.js";
import { createLogger, indexerLogger, type Logger } from "./logger.js";
import { openChain } from "./open-chain.js";
import { requireSharedServices } from "./roles.js";
import { openServices } from "./services.js";
import { DEFAULT_KEYSPACE } from "./stack.js";

export interface IndexerRole {
  leadership: Leadership;
  /** The running indexer while this process leads. */
  current(): Indexer | null;
  close(): Promise<void>;
}

export interface IndexerRoleOptions {
  schema?: string;
  keyspace?: string;
  log?: Logger;
  retryMs?: number;
}

export async function runIndexerRole(config: Config, options: IndexerRoleOptions = {}): Promise<IndexerRole> {
  requireSharedServices(config, "indexer");
  const log = options.log ?? createLogger(config);
  const closer = new Closer(log);
  const schema = options.schema ?? "public";
  try {
    const services = await openServices(config, closer, schema);
    const chain = await openChain(config, log);
    closer.add("chain", () => chain.close());
    let current: Indexer | null = null;
    const leadership = runAsLeader({
      databaseUrl: services.databaseUrl,
      name: `justpay-indexer:${schema}:${chain.programId.toBase58()}`,
      log,
      retryMs: options.retryMs,
      lead: async () => {
        const indexer = await Indexer.start({
          chain,
          db: services.db,
          logger: indexerLogger(log),
          notify: true,
        });
        current = indexer;
        const stopBeacon = publishIndexerBeacon(services.redis, options.keyspace ?? DEFAULT_KEYSPACE, () =>
          indexerStatus(indexer),
        );
        return async () => {
          current = null;
          await stopBeacon();
          await indexer.stop();
        };
      },
    });
    closer.add("leadership", () => leadership.stop());
    return { leadership, current: () => current, close: () => closer.run() };
  } catch (e) {
    await closer.run();
    throw e;
  }
}
