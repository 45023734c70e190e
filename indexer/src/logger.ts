/** The logging the indexer needs; pino's `(fields, message)` shape, so a pino logger fits as is. */
export type LogFn = (fields: Record<string, unknown>, message: string) => void;

export interface IndexerLogger {
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

/** Warnings and errors to stderr; progress stays quiet unless asked for. */
export const consoleLogger: IndexerLogger = {
  info: () => {},
  warn: (fields, message) => console.warn(`[indexer] ${message}`, fields),
  error: (fields, message) => console.error(`[indexer] ${message}`, fields),
};
