/**
 * The plumbing shared by the benches whose load runs in a child process (bench:jobs,
 * bench:campaigns), so that issuing requests does not take the event loop of the server they
 * measure: the parent forks the generator, sends it one plan and prints its progress about once
 * a second; the child answers `progress` messages and a final `result` (or `failed`). Also the
 * benches' numeric options and their results file.
 */
import { fork } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

export type LoadMessage<R> =
  | { type: "progress"; elapsed: number; measuring: boolean; count: number }
  | { type: "result"; result: R }
  | { type: "failed"; error: string };

/** Forks `script` with `plan`, prints "<elapsed> s <phase> <n> <unit>/s" per progress message, resolves its result. */
export function forkLoad<P extends object, R>(script: string, plan: P, unit: string): Promise<R> {
  return new Promise((resolvePromise, reject) => {
    const child = fork(script, [], { execArgv: ["--import", "tsx"] });
    let last = 0;
    let settled = false;
    child.on("message", (m: LoadMessage<R>) => {
      if (m.type === "progress") {
        const rate = m.count - last;
        last = m.count;
        const phase = m.measuring ? "measuring" : "warming up";
        process.stdout.write(`  ${m.elapsed.toFixed(0).padStart(3)} s  ${phase.padEnd(10)} ${rate} ${unit}/s\n`);
      } else if (m.type === "result") {
        settled = true;
        resolvePromise(m.result);
      } else {
        settled = true;
        reject(new Error(`load generator: ${m.error}`));
      }
    });
    child.on("exit", (code) => {
      if (!settled) reject(new Error(`load generator exited with ${code} before reporting`));
    });
    child.send(plan);
  });
}

/** In the child: runs the plan the parent sends and reports its result or failure. */
export function serveLoad<P, R>(run: (plan: P, report: (m: LoadMessage<R>) => void) => Promise<R>): void {
  process.once("message", (plan: P) => {
    const send = (m: LoadMessage<R>) => process.send?.(m);
    run(plan, send).then(
      (result) => {
        send({ type: "result", result });
        process.disconnect?.();
      },
      (e: unknown) => {
        send({ type: "failed", error: e instanceof Error ? e.message : String(e) });
        process.disconnect?.();
      },
    );
  });
}

/** A positive number from `--<flag> n` or the environment variable, else `fallback`. */
export function option(flag: string, env: string, fallback: number): number {
  const i = process.argv.indexOf(`--${flag}`);
  const raw = i >= 0 ? process.argv[i + 1] : process.env[env];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${flag}: a positive number, got ${raw}`);
  return n;
}

/** Writes bench/results/<name> as one line of JSON and says where. */
export function writeResult(name: string, result: unknown): void {
  const dir = resolve(__dirname, "../results");
  mkdirSync(dir, { recursive: true });
  const out = resolve(dir, name);
  writeFileSync(out, `${JSON.stringify(result)}\n`);
  console.log(`wrote ${out}`);
}

/** In the child: runs `work` while reporting `count()` about once a second. */
export async function withProgress<R>(
  report: (m: LoadMessage<R>) => void,
  window: { started: number; windowStart: number },
  count: () => number,
  work: () => Promise<unknown>,
): Promise<void> {
  const ticker = setInterval(() => {
    const now = performance.now();
    report({
      type: "progress",
      elapsed: (now - window.started) / 1000,
      measuring: now >= window.windowStart,
      count: count(),
    });
  }, 1000);
  try {
    await work();
  } finally {
    clearInterval(ticker);
  }
}

/** A bench's entry point: exit 0 when `main` resolves, else print its error and exit 1. */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
