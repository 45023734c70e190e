/**
 * The processes JustPay runs as. `all` (plain `npm start`) is everything in one process and
 * may use the embedded parts. The separate roles run beside each other and beside replicas of
 * themselves, so they need shared services and a cluster (LocalChain lives inside one process):
 *
 * - `api`: stateless HTTP; any number of replicas. Read-your-writes through LISTEN/NOTIFY.
 * - `indexer`: one active holder of the leader lock writes the mirror; others stand by.
 * - `worker`: BullMQ consumers; any number.
 */
import { type Config, ConfigError } from "../config/config.js";

export const ROLES = ["all", "api", "indexer", "worker"] as const;
export type Role = (typeof ROLES)[number];

export function parseRole(argv: readonly string[]): Role {
  const flag = argv.find((a) => a.startsWith("--role="));
  const role = flag ? flag.slice("--role=".length) : "all";
  if (!(ROLES as readonly string[]).includes(role))
    throw new ConfigError(`unknown role "${role}": use one of ${ROLES.join(", ")}`);
  return role as Role;
}

export function requireSharedServices(config: Config, role: Role): void {
  if (role === "all") return;
  const missing = [
    config.databaseUrl ? null : "DATABASE_URL",
    config.redisUrl ? null : "REDIS_URL",
    config.localMode ? "SOLANA_RPC_URL (or HELIUS_API_KEY)" : null,
  ].filter((m) => m !== null);
  if (missing.length > 0)
    throw new ConfigError(
      `the ${role} role runs beside other processes, so it needs shared services: set ${missing.join(", ")}. ` +
        "For everything in one process on embedded parts, run `npm start`.",
    );
}
