/**
 * The process's one pino logger. Fastify logs requests through it (with their request ids),
 * and the indexer and workers log through children of it, so one stream tells the whole story.
 */

import type { IndexerLogger } from "@justpay/indexer";
import { type Logger, pino } from "pino";
import type { Config } from "../config/config.js";

export type { Logger };

export function createLogger(config: Pick<Config, "logLevel">): Logger {
  return pino({
    level: config.logLevel,
    base: { service: "justpay" },
    // Bearer tokens and keys never reach a log line.
    redact: ["req.headers.authorization", "req.headers.cookie", "*.apiKey", "*.password"],
  });
}

/** pino's `(fields, message)` calls already fit the indexer's interface. */
export function indexerLogger(log: Logger): IndexerLogger {
  const child = log.child({ component: "indexer" });
  return {
    info: (fields, message) => child.info(fields, message),
    warn: (fields, message) => child.warn(fields, message),
    error: (fields, message) => child.error(fields, message),
  };
}
