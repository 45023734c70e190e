/**
 * `npm start` as a user runs it: a child process with no machine services configured (no
 * DATABASE_URL, REDIS_URL or RPC URL), so Postgres is PGlite, Redis a private redis-server
 * and the chain LocalChain, all in a fresh data dir. It must become healthy, serve requests,
 * stop cleanly on SIGTERM and come back with its state.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { auditVault } from "@justpay/sdk";
import { Connection, PublicKey } from "@solana/web3.js";
import pg from "pg";

const root = resolve(__dirname, "../..");

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

interface Started {
  child: ChildProcess;
  banner: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `api/src/start.ts` and resolves with its banner once it says it is ready. */
async function start(dataDir: string, port: number): Promise<Started> {
  const env: NodeJS.ProcessEnv = { ...process.env, JUSTPAY_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: "warn" };
  for (const name of ["DATABASE_URL", "REDIS_URL", "SOLANA_RPC_URL", "HELIUS_API_KEY", "JUSTPAY_ADMIN_KEY"])
    delete env[name];
  const child = spawn(process.execPath, ["--import", "tsx", "api/src/start.ts"], { cwd: root, env });
  let out = "";
  child.stdout?.on("data", (c) => {
    out += c;
  });
  child.stderr?.on("data", (c) => {
    out += c;
  });
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const started = Date.now();
  while (!/Press Ctrl-C to stop/.test(out)) {
    if (child.exitCode !== null) throw new Error(`npm start exited early (${child.exitCode}):\n${out}`);
    if (Date.now() - started > 60_000) throw new Error(`npm start did not become ready:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, banner: out, output: () => out, exited };
}

async function stop(s: Started): Promise<number | null> {
  s.child.kill("SIGTERM");
  return s.exited;
}

const field = (banner: string, name: string) => new RegExp(`^  ${name}\\s+(\\S+)`, "m").exec(banner)?.[1];

async function query(url: string, sql: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows;
  } finally {
    await client.end();
  }
}

describe("npm start (the embedded stack, no machine services)", function () {
  this.timeout(180_000);
  let dataDir: string;
  let running: Started | undefined;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "justpay-start-"));
  });
  after(async () => {
    if (running && running.child.exitCode === null) await stop(running);
    await rm(dataDir, { recursive: true, force: true });
  });

  it("starts healthy from an empty data dir, serves, stops on SIGTERM and restarts with its state", async () => {
    // Given an empty data dir and a free port; When `npm start` runs
    const port = await freePort();
    running = await start(dataDir, port);
    const first = running.banner;
    const base = `http://127.0.0.1:${port}`;
    // Then it says where everything is, on embedded parts only
    assert.match(first, new RegExp(`base URL\\s+${base}/api/v1`));
    assert.match(first, new RegExp(`docs\\s+${base}/docs`));
    assert.match(first, /postgres\s+PGlite in .*\(created\), served at postgresql:\/\/postgres@127\.0\.0\.1:\d+/);
    assert.match(first, /redis\s+redis-server child in /);
    assert.match(first, /chain\s+LocalChain \(litesvm\) .* created/);
    assert.match(first, /config\s+\w{32,44} \(initialized now\)/);
    const adminKey = field(first, "admin key");
    assert.match(adminKey ?? "", /^jpadmin_/);
    assert.equal((await stat(join(dataDir, "master.key"))).mode & 0o777, 0o600);

    // And it serves: ready, documented, the error shape, metrics
    const health = await fetch(`${base}/healthz`);
    assert.equal(health.status, 200);
    assert.equal(((await health.json()) as { status: string }).status, "ok");
    const doc = (await (await fetch(`${base}/docs/json`)).json()) as { paths: Record<string, unknown> };
    assert.ok(doc.paths["/healthz"]);
    const missing = await fetch(`${base}/api/v1/no-such-route`);
    assert.equal(missing.status, 404);
    assert.deepEqual(await missing.json(), { error: "Route GET /api/v1/no-such-route not found" });
    assert.match(await (await fetch(`${base}/metrics`)).text(), /^justpay_indexer_live 1$/m);

    // And its chain answers as a Solana RPC node: an auditor's own web3.js check of the vault passes
    const rpcUrl = field(first, "chain RPC") ?? "";
    assert.match(rpcUrl, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const audit = await auditVault(new Connection(rpcUrl, "confirmed"), new PublicKey(field(first, "program") ?? ""));
    assert.equal(audit.ok, true, JSON.stringify(audit.problems));

    // And its Postgres holds what is written to it
    const pgUrl = /served at (postgresql:\/\/\S+)/.exec(first)?.[1] ?? "";
    await query(pgUrl, "insert into agents (id, name, wallet_address, encrypted_secret) values ($1, $2, $3, $4)", [
      "c-start-test",
      "kept-across-restarts",
      "wallet-start-test",
      Buffer.from("sealed"),
    ]);

    // When it gets SIGTERM, Then it drains and exits 0, taking its redis-server with it
    const redisPid = Number((await readFile(join(dataDir, "redis", "redis.pid"), "utf8")).trim());
    assert.equal(await stop(running), 0, running.output());
    assert.match(running.output(), /JustPay stopped\./);
    assert.throws(() => process.kill(redisPid, 0), "the private redis-server is gone");
    await assert.rejects(fetch(`${base}/healthz`));

    // When it starts again on the same data dir
    running = await start(dataDir, port);
    const second = running.banner;
    // Then everything is reopened, not recreated, with the same keys and addresses
    assert.match(second, /postgres\s+PGlite in .*\(reopened\)/);
    assert.match(second, /chain\s+LocalChain \(litesvm\) .* reopened/);
    assert.doesNotMatch(second, /initialized now/);
    assert.equal(field(second, "config"), field(first, "config"));
    assert.equal(field(second, "USDC mint"), field(first, "USDC mint"));
    assert.equal(field(second, "admin key"), adminKey);
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    const secondPgUrl = /served at (postgresql:\/\/\S+)/.exec(second)?.[1] ?? "";
    assert.deepEqual(await query(secondPgUrl, "select name from agents where id = $1", ["c-start-test"]), [
      { name: "kept-across-restarts" },
    ]);
    assert.equal(await stop(running), 0, running.output());
  });
});
