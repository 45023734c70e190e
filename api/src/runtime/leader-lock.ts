/**
 * One active holder among many processes: a Postgres session-level advisory lock on a
 * dedicated connection. The lock lives exactly as long as the session, so a crashed holder
 * frees it at once (no TTL to wait out, no clock to trust); a standby retries every few
 * seconds and takes over. Losing the connection means losing the lock: `onLost` fires and
 * the holder must stop acting.
 */
import pg, { type Client } from "pg";
import type { Logger } from "./logger.js";

export interface LeaderOptions {
  databaseUrl: string;
  /** What is led, e.g. `indexer:<schema>:<source>`; hashed to the lock key. */
  name: string;
  log: Logger;
  retryMs?: number;
  /** Runs while this process holds the lock; returns how to stop. */
  lead(): Promise<() => Promise<void>>;
}

export interface Leadership {
  readonly leading: boolean;
  stop(): Promise<void>;
}

export function runAsLeader(o: LeaderOptions): Leadership {
  let stopped = false;
  let client: Client | null = null;
  let stopLeading: (() => Promise<void>) | null = null;
  let wake: (() => void) | null = null;
  const retryMs = o.retryMs ?? 2_000;

  const resign = async () => {
    const stop = stopLeading;
    stopLeading = null;
    await stop?.();
  };

  const attempt = async (): Promise<boolean> => {
    const c = new pg.Client({ connectionString: o.databaseUrl });
    c.on("error", (err) => o.log.warn({ err, lock: o.name }, "leader lock connection failed"));
    await c.connect();
    const { rows } = await c.query<{ ok: boolean }>("select pg_try_advisory_lock(hashtext($1)) as ok", [o.name]);
    if (!rows[0]?.ok) {
      await c.end();
      return false;
    }
    client = c;
    c.on("end", () => {
      if (client !== c) return;
      client = null;
      o.log.error({ lock: o.name }, "lost the leader lock; standing down");
      void resign().finally(() => wake?.());
    });
    try {
      stopLeading = await o.lead();
    } catch (e) {
      // Could not start leading: give the lock back so a healthier standby can take it.
      client = null;
      await c.end().catch(() => {});
      throw e;
    }
    o.log.info({ lock: o.name }, "leading");
    return true;
  };

  const loop = async () => {
    while (!stopped) {
      if (!client) {
        try {
          if (!(await attempt())) o.log.debug({ lock: o.name }, "standing by");
        } catch (err) {
          o.log.warn({ err, lock: o.name }, "leader lock attempt failed");
          await resign();
        }
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, retryMs).unref();
      });
    }
  };
  const running = loop();

  return {
    get leading() {
      return client !== null && stopLeading !== null;
    },
    stop: async () => {
      stopped = true;
      wake?.();
      await running;
      await resign();
      const c = client;
      client = null;
      if (c) {
        await c.query("select pg_advisory_unlock(hashtext($1))", [o.name]).catch(() => {});
        await c.end().catch(() => {});
      }
    },
  };
}

/** Runs `fn` while holding the advisory lock `name` (waiting for it), on a connection of its own. */
export async function withSessionLock<T>(databaseUrl: string, name: string, fn: () => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query("select pg_advisory_lock(hashtext($1))", [name]);
    return await fn();
  } finally {
    await c.end().catch(() => {}); // ending the session releases the lock
  }
}
