/**
 * @justpay/sdk as a user installs it: built, packed by npm, installed from the tarball into an
 * empty folder outside the repository, and used from plain Node scripts (ESM and CommonJS)
 * with no tsx, no workspace links and no `@justpay/source` condition.
 */
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { agentPda, configPda, jobPda, PROGRAM_ID } from "@justpay/sdk";
import { Keypair } from "@solana/web3.js";
import { buildSdk, outsideRepoEnv, ROOT, run, SDK } from "./support/sdk-package.js";

const CONSUMER_SCRIPTS = join(__dirname, "consumer");
const WALLET = Keypair.fromSeed(new Uint8Array(32).fill(7)).publicKey;
const pda = ({ address, bump }: { address: { toBase58(): string }; bump: number }) => ({
  address: address.toBase58(),
  bump,
});

interface PackedFile {
  path: string;
}

/** The wire answer of GET /api/v1/wallet/balance the loopback server gives the installed client. */
const WIRE_BALANCE = { available: "4500000", pending: "0", escrowed: "1000000", total: "5500000" };

/** Answers the balance route for the bearer the consumer scripts send; records what came. */
function startBalanceServer(seen: string[]): Promise<Server> {
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
    const ok = req.url === "/api/v1/wallet/balance" && req.headers.authorization === "Bearer jp_packed";
    res.writeHead(ok ? 200 : 404, { "content-type": "application/json" });
    res.end(JSON.stringify(ok ? WIRE_BALANCE : { error: "not found" }));
  });
  return new Promise((ready) => server.listen(0, "127.0.0.1", () => ready(server)));
}

describe("the packed @justpay/sdk, installed outside the repository", function () {
  this.timeout(900_000);
  let work: string;
  let consumer: string;
  let packedFiles: string[];
  let balanceServer: Server;
  let baseUrl: string;
  const seen: string[] = [];

  const npm = (args: string[]) => run("npm", args, { cwd: consumer, env: outsideRepoEnv(), maxBuffer: 64 << 20 });
  const node = async (script: string, ...args: string[]) => {
    const { stdout } = await run(process.execPath, [script, ...args], { cwd: consumer, env: outsideRepoEnv() });
    return JSON.parse(stdout);
  };
  const installed = (path: string) => join(consumer, "node_modules", "@justpay", "sdk", path);

  before(async () => {
    await buildSdk();
    work = await mkdtemp(join(tmpdir(), "justpay-packed-sdk-"));
    assert.ok(!work.startsWith(ROOT), `${work} is inside the repository`);
    const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", work], {
      cwd: SDK,
      env: outsideRepoEnv(),
      maxBuffer: 64 << 20,
    });
    const [packed] = JSON.parse(stdout) as { filename: string; files: PackedFile[] }[];
    assert.ok(packed, "npm pack reported no tarball");
    packedFiles = packed.files.map((f) => f.path);
    consumer = join(work, "consumer");
    await mkdir(consumer);
    await writeFile(join(consumer, "package.json"), JSON.stringify({ name: "consumer", private: true }));
    for (const script of await readdir(CONSUMER_SCRIPTS))
      await copyFile(join(CONSUMER_SCRIPTS, script), join(consumer, script));
    await npm(["install", "--prefer-offline", "--no-audit", "--no-fund", join(work, packed.filename)]);
    balanceServer = await startBalanceServer(seen);
    baseUrl = `http://127.0.0.1:${(balanceServer.address() as AddressInfo).port}`;
  });

  after(async () => {
    await new Promise((closed) => (balanceServer ? balanceServer.close(closed) : closed(undefined)));
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("holds the ESM and CommonJS builds, their declarations and the program, not the sources", () => {
    const entries = ["index", "client", "schemas"].flatMap((e) => [`${e}.js`, `${e}.cjs`, `${e}.d.ts`, `${e}.d.cts`]);
    for (const file of [...entries, "package.json"])
      assert.ok(packedFiles.includes(`dist/${file}`), `dist/${file} is not in the tarball`);
    assert.ok(packedFiles.includes("dist/program/justpay_escrow.so"));
    assert.ok(packedFiles.includes("package.json") && packedFiles.includes("README.md"));
    assert.deepEqual(
      packedFiles.filter((f) => f.startsWith("src/") || f.startsWith("test/") || f.endsWith(".ts.map")),
      [],
    );
  });

  for (const [format, script, entry] of [
    ["ESM", "main-entry.mjs", "dist/index.js"],
    ["CommonJS", "main-entry.cjs", "dist/index.cjs"],
  ] as const) {
    it(`${format}: the main entry derives the repository's PDAs and finds its own copy of the program`, async () => {
      const facts = await node(script, WALLET.toBase58());
      assert.ok(facts.resolved.endsWith(`node_modules/@justpay/sdk/${entry}`), facts.resolved);
      assert.equal(facts.programId, PROGRAM_ID.toBase58());
      assert.deepEqual(facts.config, pda(configPda(PROGRAM_ID)));
      assert.deepEqual(facts.agent, pda(agentPda(PROGRAM_ID, WALLET)));
      assert.deepEqual(facts.job, pda(jobPda(PROGRAM_ID, WALLET, 42n)));
      assert.equal(facts.auditVault, "function");
      assert.equal(facts.verifyJob, "function");
      assert.equal(facts.defaultProgramPath, installed("dist/program/justpay_escrow.so"));
      const repoProgram = await readFile(join(ROOT, "target/deploy/justpay_escrow.so"));
      assert.equal(facts.programSha256, createHash("sha256").update(repoProgram).digest("hex"));
      assert.equal(facts.litesvmLoaded, false);
    });
  }

  for (const [format, script, entry] of [
    ["ESM", "client.mjs", "dist/client.js"],
    ["CommonJS", "client.cjs", "dist/client.cjs"],
  ] as const) {
    it(`${format}: the REST client does usdc math and reads a balance as bigints`, async () => {
      seen.length = 0;
      const facts = await node(script, baseUrl);
      assert.ok(facts.resolved.endsWith(`node_modules/@justpay/sdk/${entry}`), facts.resolved);
      assert.equal(facts.usdcHalfIs500000, true);
      assert.equal(facts.usdcOneIs1000000, true);
      assert.equal(facts.formatted, "0.50");
      assert.deepEqual(facts.balance, {
        available: { type: "bigint", value: "4500000" },
        escrowed: { type: "bigint", value: "1000000" },
        total: { type: "bigint", value: "5500000" },
      });
      assert.deepEqual(seen, ["GET /api/v1/wallet/balance Bearer jp_packed"]);
    });
  }

  it("holds the REST client's code once per format, shared by every entry that uses it", async () => {
    // A copy per entry would give the MCP server and the CLI a JustPayApiError of their own,
    // failing `instanceof` against the one a user's client throws.
    const dist = installed("dist");
    const files = (await readdir(dist)).filter((f) => /\.c?js$/.test(f));
    const defining = async (ext: ".js" | ".cjs") => {
      const found: string[] = [];
      for (const file of files.filter((f) => f.endsWith(ext)))
        if (/JustPayClient = class\b/.test(await readFile(join(dist, file), "utf8"))) found.push(file);
      return found;
    };
    assert.equal((await defining(".js")).length, 1, `ESM files defining it: ${await defining(".js")}`);
    assert.equal((await defining(".cjs")).length, 1, `CommonJS files defining it: ${await defining(".cjs")}`);
  });

  it("installs without litesvm, and a LocalChain then says which package it needs", async () => {
    assert.equal(hasInstalled(consumer, "litesvm"), false);
    const result = await node("local-chain.mjs", join(work, "chain-without-litesvm"));
    assert.equal(result.opened, false);
    assert.match(result.error, /LocalChain needs litesvm.*npm install litesvm/);
  });

  it("runs the justpay bin", async () => {
    const { stdout } = await run(join(consumer, "node_modules/.bin/justpay"), ["--help"], {
      cwd: consumer,
      env: outsideRepoEnv(),
    });
    assert.match(stdout, /Usage: justpay/);
  });

  it("with litesvm added, a LocalChain from the package runs the platform and auditVault passes", async () => {
    await npm(["install", "--prefer-offline", "--no-audit", "--no-fund", "litesvm@1.5.0"]);
    const result = await node("local-chain.mjs", join(work, "chain"));
    assert.equal(result.opened, true, result.error);
    assert.equal(result.defaultProgramPath, installed("dist/program/justpay_escrow.so"));
    assert.equal(result.config, configPda(PROGRAM_ID).address.toBase58());
    assert.equal(result.mintedInto, result.vault);
    assert.deepEqual(result.audit.problems, []);
    assert.equal(result.audit.ok, true);
    assert.equal(result.audit.config, result.config);
    assert.equal(result.audit.vault.address, result.vault);
    assert.equal(result.audit.vault.owner, result.config);
    // The one micro-USDC sent straight to the vault is owed to nobody.
    assert.equal(result.audit.vault.amount, "1");
    assert.equal(result.audit.surplus, "1");
  });
});

function hasInstalled(folder: string, name: string): boolean {
  try {
    require.resolve(`${name}/package.json`, { paths: [folder] });
    return true;
  } catch {
    return false;
  }
}
