/**
 * A worker-role process for the multi-process tests: what `npm run start:worker`
 * (api/src/start.ts --role=worker) runs, `openStack(config, { role: "worker" })` on the
 * configured Postgres, Redis and RPC node, but in the test's Postgres schema and Redis
 * keyspace (`WORKER_SCHEMA`, `WORKER_KEYSPACE`), which start.ts leaves at their defaults.
 *
 * Started with an IPC channel (child_process.fork). It answers `{ready: true}` once its stack
 * is open; on `{sweep: true}` it runs every deadline sweep at the chain's time, as its periodic
 * sweeper would, and answers the reports; on SIGTERM it closes its stack and exits.
 */
import { loadConfig } from "../../../src/config/config.js";
import { createLogger } from "../../../src/runtime/logger.js";
import { openStack } from "../../../src/runtime/stack.js";
import { DEADLINES } from "../../../src/workers/deadlines/index.js";

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config);
  const stack = await openStack(config, {
    role: "worker",
    schema: process.env.WORKER_SCHEMA,
    keyspace: process.env.WORKER_KEYSPACE,
    log,
  });
  const { ctx } = stack;
  process.on("message", (message: { sweep?: boolean }) => {
    if (!message.sweep) return;
    ctx.chain
      .unixTime()
      .then((now) => DEADLINES.runDue(ctx, now))
      .then(
        (reports) => process.send?.({ reports }),
        (err) => process.send?.({ error: String(err) }),
      );
  });
  process.once("SIGTERM", () => {
    stack.close().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, "worker shutdown failed");
        process.exit(1);
      },
    );
  });
  process.send?.({ ready: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
