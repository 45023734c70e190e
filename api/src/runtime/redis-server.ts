/**
 * Redis for the one-command stack: a private `redis-server` child on a free loopback port,
 * persisting to `<dataDir>/redis` (append-only file, so queued jobs survive a restart). Its
 * pid is kept in `redis.pid`; a server left behind by a killed parent is stopped at the next
 * start, before a new one takes the directory.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdir, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { Redis } from "ioredis";

export interface RedisChild {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export function redisServerAvailable(): boolean {
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops a redis-server a killed parent left running on this directory. */
async function stopLeftover(pidFile: string): Promise<void> {
  const pid = Number((await readFile(pidFile, "utf8").catch(() => "")).trim());
  if (!pid || !isAlive(pid)) return;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  if (!cmdline.includes("redis-server")) return;
  process.kill(pid, "SIGTERM");
  for (let i = 0; i < 50 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}):\n${output()}`);
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on("error", () => {}); // refused until the server listens; connect() reports it
    try {
      await probe.connect();
      if ((await probe.ping()) === "PONG") return;
    } catch {
      // not listening yet
    } finally {
      probe.disconnect();
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not become ready:\n${output()}`);
}

export async function startRedisChild(dataDir: string): Promise<RedisChild> {
  if (!redisServerAvailable())
    throw new Error(
      "redis-server is not installed: run scripts/setup.sh (installs Debian's redis-server) or set REDIS_URL",
    );
  const dir = join(dataDir, "redis");
  await mkdir(dir, { recursive: true });
  const pidFile = join(dir, "redis.pid");
  await stopLeftover(pidFile);
  const port = await freePort();
  const child = spawn(
    "redis-server",
    [
      "--bind",
      "127.0.0.1",
      "--port",
      String(port),
      "--dir",
      dir,
      "--pidfile",
      pidFile,
      "--appendonly",
      "yes",
      "--save",
      "",
      "--daemonize",
      "no",
      "--loglevel",
      "warning",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const url = `redis://127.0.0.1:${port}`;
  try {
    await waitUntilReady(url, child, () => output);
  } catch (e) {
    child.kill("SIGKILL");
    throw e;
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url,
    dataDir: dir,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM"); // redis flushes its append-only file and exits
        await exited;
      }
      await rm(pidFile, { force: true });
    },
  };
}
