/**
 * The `justpay` CLI run the way a user runs it: a child process (node + tsx on the sources),
 * with its own config directory (XDG_CONFIG_HOME in a temp dir) so each test's key file and
 * settings are its own, against a real API listening on a real port.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "../../..");
const BIN = join(ROOT, "sdk/src/cli/bin.ts");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Written to the CLI's stdin (closed either way, so nothing waits for a terminal). */
  input?: string;
  env?: Record<string, string | undefined>;
}

/** One user's CLI: a config dir of its own and an API URL. */
export class CliUser {
  private constructor(
    readonly configHome: string,
    readonly apiUrl: string,
  ) {}

  static async create(apiUrl: string): Promise<CliUser> {
    return new CliUser(await mkdtemp(join(tmpdir(), "justpay-cli-")), apiUrl);
  }

  get configDir(): string {
    return join(this.configHome, "justpay");
  }

  /** The CLI's environment: this user's config dir and API, and nothing of the tests' own key or RPC URL. */
  env(extra: Record<string, string | undefined> = {}): Record<string, string> {
    const env: Record<string, string | undefined> = {
      ...process.env,
      XDG_CONFIG_HOME: this.configHome,
      JUSTPAY_API_URL: this.apiUrl,
    };
    delete env.JUSTPAY_API_KEY;
    delete env.SOLANA_RPC_URL;
    Object.assign(env, extra);
    return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
  }

  /** How to start `justpay <args>`: for spawn, or for a client that spawns it (an MCP client). */
  command(args: string[]): { command: string; args: string[]; cwd: string } {
    return {
      command: process.execPath,
      args: ["--import", "tsx", "--conditions=@justpay/source", BIN, ...args],
      cwd: ROOT,
    };
  }

  run(args: string[], options: RunOptions = {}): Promise<CliRun> {
    const { command, args: argv, cwd } = this.command(args);
    return new Promise((resolvePromise, reject) => {
      const child = spawn(command, argv, {
        cwd,
        env: this.env(options.env),
        stdio: ["pipe", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("error", reject);
      child.on("close", (code) => resolvePromise({ code, stdout, stderr }));
      child.stdin.end(options.input ?? "");
    });
  }

  /** Runs with --json, expects exit 0 and returns the parsed document. */
  async json<T = any>(args: string[], options: RunOptions = {}): Promise<T> {
    const r = await this.run(["--json", ...args], options);
    if (r.code !== 0) throw new Error(`justpay ${args.join(" ")} exited ${r.code}: ${r.stderr}${r.stdout}`);
    return JSON.parse(r.stdout) as T;
  }

  /** Runs for people (no --json), expects exit 0 and returns stdout. */
  async text(args: string[], options: RunOptions = {}): Promise<string> {
    const r = await this.run(args, options);
    if (r.code !== 0) throw new Error(`justpay ${args.join(" ")} exited ${r.code}: ${r.stderr}${r.stdout}`);
    return r.stdout;
  }

  async close(): Promise<void> {
    await rm(this.configHome, { recursive: true, force: true });
  }
}

/** A stack trace's frame line, which no failure output may contain. */
export const STACK_FRAME = /^\s+at .+\(.+:\d+:\d+\)$|^\s+at .+:\d+:\d+$/m;
