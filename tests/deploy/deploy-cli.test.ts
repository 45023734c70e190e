/** `npm run deploy:program` against a LocalChain data directory (`--rpc local:<dir>`), in process. */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import {
  configPda,
  DEFAULT_PROGRAM_PATH,
  decodeAccount,
  escrowProgram,
  LocalChain,
  loadOrCreateAuthorities,
  runDeployCli,
} from "@justpay/sdk";
import { Keypair, PublicKey } from "@solana/web3.js";

interface Run {
  code: number;
  out: string[];
  err: string[];
}

describe("the deploy:program command", () => {
  let dir: string;
  let payerPath: string;
  const run = async (...argv: string[]): Promise<Run> => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runDeployCli(argv, {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      env: { JUSTPAY_DATA_DIR: join(dir, "data") },
    });
    return { code, out, err };
  };
  const localArgs = () => ["--rpc", `local:${join(dir, "chain")}`, "--keypair", payerPath];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "justpay-deploy-cli-"));
    payerPath = join(dir, "payer.json");
    await writeFile(payerPath, JSON.stringify([...Keypair.generate().secretKey]));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("deploys to a fresh program keypair and opens the platform with the API's authorities file; a re-run changes nothing", async () => {
    const first = await run(...localArgs(), "--json");
    assert.equal(first.code, 0, first.err.join("\n"));
    const result = JSON.parse(first.out.join("\n"));
    assert.equal(result.status, "deployed");
    assert.equal(result.configCreated, true);
    assert.equal(result.chunks.written + result.chunks.skipped, result.chunks.total);
    const chunkLines = first.err.filter((l) => l.startsWith("chunk "));
    assert.equal(chunkLines.length, result.chunks.total, "one progress line per chunk");

    const keypairPath = join(dir, "data", "program-keypair.json");
    assert.equal(result.programKeypair, keypairPath);
    assert.equal((await stat(keypairPath)).mode & 0o777, 0o600);
    const program = Keypair.fromSecretKey(Uint8Array.from(JSON.parse(await readFile(keypairPath, "utf8"))));
    assert.equal(result.programId, program.publicKey.toBase58());

    const again = await run(...localArgs(), "--json");
    assert.equal(again.code, 0, again.err.join("\n"));
    const second = JSON.parse(again.out.join("\n"));
    assert.equal(second.programId, result.programId, "the same keypair file, the same address");
    assert.equal(second.status, "unchanged");
    assert.equal(second.configCreated, false);

    // The config names the authorities the API will read from $JUSTPAY_DATA_DIR/authorities.json.
    const authorities = await loadOrCreateAuthorities(join(dir, "data", "authorities.json"));
    const chain = await LocalChain.open({
      dataDir: join(dir, "chain"),
      programId: program.publicKey,
      preloadProgram: false,
    });
    try {
      const account = await chain.getAccount(configPda(program.publicKey).address);
      assert.ok(account);
      const config = decodeAccount<Record<string, PublicKey>>(escrowProgram(program.publicKey), "config", account.data);
      assert.ok(config.admin!.equals(authorities.admin.publicKey));
      assert.ok(config.operator!.equals(authorities.operator.publicKey));
      assert.ok(config.usdcMint!.equals(new PublicKey(result.usdcMint)));
    } finally {
      await chain.close();
    }
  });

  it("prints a readable summary without --json", async () => {
    const r = await run(...localArgs(), "--program-keypair", join(dir, "program.json"));
    assert.equal(r.code, 0, r.err.join("\n"));
    assert.ok(r.out.some((l) => /^buffer \w+: created$/.test(l)));
    assert.ok(r.out.some((l) => /^chunk +1\/\d+ at 0 \(\d+ bytes\): written \w+$/.test(l)));
    assert.ok(r.out.some((l) => /^program +\w+ \(deployed now\)$/.test(l)));
    assert.ok(r.out.some((l) => /^config +\w+ \(initialized now\)$/.test(l)));
  });

  it("refuses the committed program keypair for a cluster before connecting", async () => {
    const committed = resolve(DEFAULT_PROGRAM_PATH, "../justpay_escrow-keypair.json");
    const r = await run("--rpc", "http://127.0.0.1:9", "--keypair", payerPath, "--program-keypair", committed);
    assert.equal(r.code, 2);
    assert.match(r.err.join("\n"), /committed program keypair, whose secret is public/);
  });

  it("rejects bad usage with exit code 2", async () => {
    const r = await run("--concurrency", "zero");
    assert.equal(r.code, 2);
    assert.match(r.err.join("\n"), /--concurrency must be a positive integer/);
  });
});
