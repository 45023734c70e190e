import { execFileSync } from "node:child_process";

/** Runs a build tool, surfacing its stderr in the error instead of a bare exit code. */
export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}, cwd?: string): string {
  try {
    return execFileSync(cmd, args, {
      encoding: "utf8",
      env: { ...process.env, ...env },
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (e) {
    const err = e as { stderr?: string; status?: number };
    throw new Error(`${cmd} ${args.join(" ")} failed (exit ${err.status}):\n${err.stderr ?? ""}`);
  }
}
