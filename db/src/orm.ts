/**
 * Opening the database: MikroORM over Postgres with the generated entities and the
 * Migrator. `schema` puts every table (and the migrations log) in one Postgres schema, which
 * is how tests and benchmarks get an isolated, disposable mirror.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { IDL } from "@justpay/sdk";
import { Migrator } from "@mikro-orm/migrations";
import { MikroORM, PostgreSqlDriver } from "@mikro-orm/postgresql";
import { API_ENTITIES } from "./entities/registry.js";
import { allEntities } from "./mirror-entities.js";
import { prepareStatements } from "./prepared-statements.js";
import { accountTypesFromIdl } from "./schema/account-types.js";
import type { Idl } from "./schema/idl-types.js";

/**
 * The local trust-auth Postgres: through its Unix socket where the machine has one (a query
 * costs both sides about a third less CPU than over loopback TCP), else on 127.0.0.1.
 */
export const DEFAULT_DATABASE_URL = existsSync("/var/run/postgresql/.s.PGSQL.5432")
  ? "postgresql://postgres@localhost/test?host=/var/run/postgresql"
  : "postgresql://postgres@127.0.0.1:5432/test";
export const MIGRATIONS_DIR = resolve(__dirname, "../../migrations");

export interface DatabaseOptions {
  /** Defaults to `DATABASE_URL`, then a local trust-auth Postgres. */
  url?: string;
  /** Postgres schema for every table; defaults to `public`. */
  schema?: string;
  idl?: Idl;
  debug?: boolean;
  /** Connection pool bounds; embedded PGlite serves one connection at a time, so it gets max 1. */
  pool?: { min?: number; max?: number };
}

export type Database = MikroORM;

export function databaseUrl(url?: string): string {
  return url ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
}

/**
 * A `?host=/path` parameter names the directory of a Unix socket, as libpq's URLs do. MikroORM
 * reads only the URL's authority, so the socket is passed on to the driver by hand.
 */
function socketHost(url: string): { host?: string } {
  const host = new URL(url).searchParams.get("host");
  return host?.startsWith("/") ? { host } : {};
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  const schema = options.schema ?? "public";
  const url = databaseUrl(options.url);
  return MikroORM.init({
    driver: PostgreSqlDriver,
    clientUrl: url,
    schema,
    // One database, one migration history: the API's tables are declared here too so that
    // generated migrations neither miss nor drop them.
    entities: [...allEntities(accountTypesFromIdl(options.idl ?? IDL)), ...API_ENTITIES],
    extensions: [Migrator],
    debug: options.debug ?? false,
    pool: {
      ...options.pool,
      afterCreate: (connection: Parameters<typeof prepareStatements>[0], done: (error: Error | null) => void) => {
        prepareStatements(connection);
        done(null);
      },
    },
    allowGlobalContext: true,
    discovery: { warnWhenNoEntities: false },
    // Migrations are written without a schema qualifier; the search path sends them to `schema`.
    driverOptions: { connection: { ...socketHost(url), options: `-c search_path=${quoteIdent(schema)}` } },
    migrations: {
      path: MIGRATIONS_DIR,
      pathTs: MIGRATIONS_DIR,
      glob: "!(*.d).ts",
      tableName: "mikro_orm_migrations",
      transactional: true,
      allOrNothing: true,
      emit: "ts",
      snapshot: false,
      silent: true,
    },
  });
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
