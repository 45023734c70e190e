/**
 * The server's configuration: the environment, parsed once with zod so that a typo in a URL or
 * a port fails at start with the variable's name, not later in a request. Fields use the
 * names routes read (`config.localMode`), not the variables'.
 *
 * Each external service is optional: without `DATABASE_URL`, `REDIS_URL` or `SOLANA_RPC_URL`
 * the one-command stack runs the embedded part instead (PGlite, a private redis-server,
 * LocalChain). `localMode` (no RPC URL) also enables the dev-only routes.
 */
import { isAbsolute, resolve } from "node:path";
import { PROGRAM_ID } from "@justpay/sdk";
import { PublicKey } from "@solana/web3.js";
import { z } from "zod";
import { installValidationMessages } from "../http/validation-messages.js";

/**
 * Postgres connections per process. The driver's 10 starve under concurrent money calls: each
 * one makes several short writes (outbox, job row, mirror), and requests then queue for a
 * connection rather than for the database. 20 per process leaves room for a few replicas
 * under Postgres's default 100.
 */
const DEFAULT_POOL_MAX = 20;

const DEFAULT_CHAIN_RPC_PORT = 8899;

const optionalUrl = z
  .string()
  .trim()
  .transform((s) => (s === "" ? undefined : s))
  .pipe(z.url().optional())
  .optional();

const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === "" ? undefined : s))
  .optional();

const isPublicKey = (s: string): boolean => {
  try {
    return new PublicKey(s).toBase58() === s;
  } catch {
    return false;
  }
};

const optionalPublicKey = optionalText.refine(
  (s) => s === undefined || isPublicKey(s),
  "must be a base58 Solana address",
);

export const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().trim().min(1).default("127.0.0.1"),
  DATABASE_URL: optionalUrl,
  /** Postgres connections per process; the embedded database always gets 1. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(DEFAULT_POOL_MAX),
  REDIS_URL: optionalUrl,
  SOLANA_RPC_URL: optionalUrl,
  HELIUS_API_KEY: optionalText,
  JUSTPAY_DATA_DIR: z.string().trim().min(1).default("./.justpay"),
  JUSTPAY_ADMIN_KEY: optionalText.pipe(z.string().min(16, "must be at least 16 characters").optional()),
  JUSTPAY_MASTER_KEY: optionalText,
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  /** Requests per minute per client IP on /api/v1/* (routes may set their own). */
  JUSTPAY_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  /** Behind a load balancer: take the client IP from X-Forwarded-For ("true", or the proxies' IPs/CIDRs, comma-separated). */
  JUSTPAY_TRUST_PROXY: z
    .string()
    .trim()
    .default("false")
    .transform((s): boolean | string[] => (s === "true" ? true : s === "false" || s === "" ? false : s.split(","))),
  /**
   * Local mode only: the port the LocalChain is served on as a Solana RPC node (HTTP and
   * WebSocket, on HOST), for web3.js scripts and `justpay audit`; "off" serves none. The
   * default is solana-test-validator's; a busy port falls back to a free one.
   */
  JUSTPAY_CHAIN_RPC_PORT: z
    .union([z.literal("off"), z.coerce.number().int().min(0).max(65_535)])
    .default(DEFAULT_CHAIN_RPC_PORT),
  /** RPC mode only: the funded keypair file that pays every SOL cost (fees, rent). */
  SOLANA_PAYER_KEYPAIR: optionalText,
  /** RPC mode only: the USDC mint of the cluster (devnet or mainnet). */
  JUSTPAY_USDC_MINT: optionalText,
  /**
   * The escrow program's address: where `npm run deploy:program` deployed it on the cluster.
   * Default: the program's declared id (the committed keypair's, which LocalChain uses).
   */
  JUSTPAY_PROGRAM_ID: optionalPublicKey,
  /**
   * Where the public web pages are published (https://justpay.example): their canonical and
   * Open Graph URLs, and the hire snippets' API address. Default http://localhost:<PORT>.
   */
  JUSTPAY_PUBLIC_BASE_URL: optionalUrl.refine(
    (url) => url === undefined || /^https?:\/\//i.test(url),
    "must be an http(s) URL such as https://justpay.example",
  ),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  /** Postgres connections per process (DATABASE_POOL_MAX; the embedded database always has one). */
  databasePoolMax: number;
  redisUrl: string | undefined;
  solanaRpcUrl: string | undefined;
  heliusApiKey: string | undefined;
  /** Absolute: embedded Postgres, chain, redis and generated secrets live below it. */
  dataDir: string;
  /** Bearer token for admin routes. */
  adminKey: string | undefined;
  /**
   * The custody master key as text (the form `JUSTPAY_MASTER_KEY` takes). The custody module
   * (api/src/custody) decodes it; this module only carries it.
   */
  masterKey: string | undefined;
  nodeEnv: "development" | "test" | "production";
  logLevel: string;
  /**
   * No cluster configured (neither `SOLANA_RPC_URL` nor `HELIUS_API_KEY`, which alone selects
   * Helius' RPC): the embedded LocalChain, dev routes on, http callback URLs allowed.
   */
  localMode: boolean;
  payerKeypairPath: string | undefined;
  usdcMint: string | undefined;
  /** The escrow program the chain adapters, the platform and the indexer address. */
  programId: PublicKey;
  rateLimitPerMinute: number;
  trustProxy: boolean | string[];
  /** Origin (and optional path) of the public pages, without a trailing slash. */
  publicBaseUrl: string;
  /** Local mode: where the LocalChain is served as an RPC node; null for none. */
  chainRpcPort: number | null;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  installValidationMessages();
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${problems.join("\n")}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === "production" && !e.JUSTPAY_MASTER_KEY)
    throw new ConfigError(
      "NODE_ENV=production requires JUSTPAY_MASTER_KEY: the key that encrypts every custodial wallet. " +
        "Generate one (e.g. `openssl rand -base64 32`), store it in your secret manager and pass it in the environment.",
    );
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    redisUrl: e.REDIS_URL,
    solanaRpcUrl: e.SOLANA_RPC_URL,
    heliusApiKey: e.HELIUS_API_KEY,
    dataDir: isAbsolute(e.JUSTPAY_DATA_DIR) ? e.JUSTPAY_DATA_DIR : resolve(cwd, e.JUSTPAY_DATA_DIR),
    adminKey: e.JUSTPAY_ADMIN_KEY,
    masterKey: e.JUSTPAY_MASTER_KEY,
    nodeEnv: e.NODE_ENV,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === "test" ? "warn" : "info"),
    localMode: e.SOLANA_RPC_URL === undefined && e.HELIUS_API_KEY === undefined,
    payerKeypairPath: e.SOLANA_PAYER_KEYPAIR,
    usdcMint: e.JUSTPAY_USDC_MINT,
    programId: e.JUSTPAY_PROGRAM_ID ? new PublicKey(e.JUSTPAY_PROGRAM_ID) : PROGRAM_ID,
    rateLimitPerMinute: e.JUSTPAY_RATE_LIMIT_PER_MINUTE,
    trustProxy: e.JUSTPAY_TRUST_PROXY,
    publicBaseUrl: (e.JUSTPAY_PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    chainRpcPort: e.JUSTPAY_CHAIN_RPC_PORT === "off" ? null : e.JUSTPAY_CHAIN_RPC_PORT,
  };
}
