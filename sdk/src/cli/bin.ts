#!/usr/bin/env -S node --import tsx --conditions=@justpay/source
/** The `justpay` command. */
import { runCli } from "./run.js";

async function main(): Promise<void> {
  const { exitCode, keepAlive } = await runCli(process.argv, {
    env: process.env,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
  });
  if (keepAlive) return;
  // Exit once stdout is flushed: an idle HTTP keep-alive socket must not hold the process open.
  process.stdout.write("", () => process.exit(exitCode));
}

main().catch((e) => {
  process.stderr.write(`justpay: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
