/** What `npm start` prints once it is ready: where to reach it and where its data lives. */
import { join } from "node:path";
import type { LocalChain } from "@justpay/sdk";
import type { RunningServer } from "../server.js";
import type { ResolvedSecrets } from "./local-secrets.js";

export function startBanner(server: RunningServer, secrets: ResolvedSecrets): string {
  const { ctx, services, role } = server.stack;
  const { config, platform } = ctx;
  const lines = [
    `JustPay is ready (${role === "all" ? "everything in one process" : `role: ${role}`}).`,
    `  base URL    ${server.url}/api/v1`,
    `  docs        ${server.url}/docs`,
    `  health      ${server.url}/healthz`,
  ];
  if (config.localMode && config.adminKey)
    lines.push(`  admin key   ${config.adminKey}${secrets.adminKeyFile ? ` (kept in ${secrets.adminKeyFile})` : ""}`);
  lines.push(`  data        ${config.dataDir}`);
  const pg = services.embeddedPostgres;
  lines.push(
    pg
      ? `  postgres    PGlite in ${pg.dataDir} (${pg.reopened ? "reopened" : "created"}), served at ${pg.url}`
      : `  postgres    ${redactUrl(services.databaseUrl)}`,
  );
  const redis = services.embeddedRedis;
  lines.push(
    redis
      ? `  redis       redis-server child in ${redis.dataDir} at ${redis.url}`
      : `  redis       ${redactUrl(services.redisUrl)}`,
  );
  if (ctx.chain.kind === "local") {
    const report = (ctx.chain as LocalChain).openReport;
    lines.push(
      `  chain       LocalChain (litesvm) in ${join(config.dataDir, "chain")} — ${report.created ? "created" : `reopened, ${report.replayed} log entries replayed`}`,
    );
    if (server.stack.chainRpc)
      lines.push(`  chain RPC   ${server.stack.chainRpc.url} (a Solana RPC node: web3.js, justpay audit --rpc)`);
  } else lines.push(`  chain       ${redactUrl(config.solanaRpcUrl ?? "Helius RPC")}`);
  lines.push(
    `  program     ${platform.programId.toBase58()}`,
    `  config      ${platform.config.toBase58()}${platform.created ? " (initialized now)" : ""}`,
    `  USDC mint   ${platform.usdcMint.toBase58()}${ctx.chain.kind === "local" ? " (local faucet)" : ""}`,
    `  vault       ${platform.vault.toBase58()}`,
  );
  if (secrets.masterKeyFile)
    lines.push(
      `  master key  ${secrets.masterKeyFile} (generated for local use; set JUSTPAY_MASTER_KEY in production)`,
    );
  lines.push("Press Ctrl-C to stop; state is kept for the next start.");
  return lines.join("\n");
}

/** A URL without its password, for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return url;
  }
}
