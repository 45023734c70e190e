/**
 * Postgres for the one-command stack: PGlite (Postgres compiled to WebAssembly) persisted in
 * `<dataDir>/postgres`, served over the Postgres wire protocol on a free loopback port, so the
 * same pg driver, MikroORM and migrations run unchanged. PGlite executes one connection at a
 * time and a second blocks while the first holds a transaction, so the app's pool must hold
 * ONE connection (`EMBEDDED_POOL`); the server accepts a few more for a `psql` session. The
 * extensions the migrations create are loaded here, as PGlite bundles them.
 */
import { mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export const EMBEDDED_POOL = { min: 1, max: 1 };

export interface EmbeddedPostgres {
  url: string;
  dataDir: string;
  /** False when the data directory was empty: this start created the database. */
  reopened: boolean;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const dir = join(dataDir, "postgres");
  await mkdir(dir, { recursive: true });
  const reopened = (await readdir(dir)).length > 0;
  // btree_gin: the discovery and event-log indexes mix plain columns into GINs.
  const db = await PGlite.create({ dataDir: dir, extensions: { btree_gin } });
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 4 });
  try {
    await server.start();
  } catch (e) {
    await db.close();
    throw e;
  }
  const address = (server as unknown as { server: { address(): { port: number } } }).server.address();
  return {
    url: `postgresql://postgres@127.0.0.1:${address.port}/postgres`,
    dataDir: dir,
    reopened,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
