/**
 * The sdk as its users get it: built into sdk/dist and packed by npm. The build runs once per
 * test process (both the packed-package and the browser-bundle tests need it).
 */
import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

export const ROOT = resolve(__dirname, "../../..");
export const SDK = join(ROOT, "sdk");
export const SDK_DIST = join(SDK, "dist");

export const run = promisify(execFile);

/**
 * The environment without what `npm test` adds: NODE_OPTIONS selects the repo's
 * `@justpay/source` condition (sources, absent from the package), and npm_* variables would
 * point a nested npm at the repo's config and prefix.
 */
export function outsideRepoEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env))
    if (name !== "NODE_OPTIONS" && !name.toLowerCase().startsWith("npm_")) env[name] = value;
  return { ...env, ...extra };
}

let built: Promise<void> | undefined;

/** `npm run build:sdk`, once per process. */
export function buildSdk(): Promise<void> {
  built ??= run("npm", ["run", "build:sdk"], { cwd: ROOT, env: outsideRepoEnv(), maxBuffer: 64 << 20 }).then(
    () => undefined,
    (e: { stdout?: string; stderr?: string }) => {
      throw new Error(`npm run build:sdk failed:\n${e.stdout ?? ""}\n${e.stderr ?? ""}`);
    },
  );
  return built;
}
