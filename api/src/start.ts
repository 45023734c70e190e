/**
 * `npm start`: JustPay in one process on embedded defaults (PGlite, a private redis-server,
 * LocalChain, the indexer and the workers), or, with `DATABASE_URL`, `REDIS_URL` and
 * `SOLANA_RPC_URL`/`HELIUS_API_KEY`, on real services. `--role=api|indexer|worker` runs one
 * part only (`npm run start:api` …), beside other processes. SIGINT/SIGTERM stop it
 * gracefully: in-flight requests drain, workers finish their job, the indexer commits what
 * it received, then the chain, Redis and Postgres close. A second signal exits at once.
 */
import { ConfigError, loadConfig } from "./config/config.js";
import { startBanner } from "./runtime/banner.js";
import { runIndexerRole } from "./runtime/indexer-role.js";
import { resolveSecrets } from "./runtime/local-secrets.js";
import { createLogger } from "./runtime/logger.js";
import { parseRole } from "./runtime/roles.js";
import { openStack } from "./runtime/stack.js";
import { startServer } from "./server.js";

async function main(): Promise<void> {
  const role = parseRole(process.argv.slice(2));
  const secrets = await resolveSecrets(loadConfig());
  const config = secrets.config;
  const log = createLogger(config);

  let stop: () => Promise<void>;
  if (role === "indexer") {
    const running = await runIndexerRole(config, { log });
    stop = running.close;
    console.log(`JustPay indexer started (standing by until it holds the leader lock); data in ${config.dataDir}.`);
  } else if (role === "worker") {
    const stack = await openStack(config, { role, log });
    stop = stack.close;
    console.log("JustPay workers started.");
  } else {
    const server = await startServer(config, { role, log });
    stop = server.stop;
    console.log(startBanner(server, secrets));
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      log.warn({ signal }, "second signal: exiting now");
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, "stopping");
    stop().then(
      () => {
        console.log("JustPay stopped.");
        process.exit(0);
      },
      (err) => {
        log.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : e);
  process.exit(1);
});
