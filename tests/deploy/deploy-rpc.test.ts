/**
 * `deploy:program` over JSON-RPC: the real RpcChain and web3.js Connection, against the RPC
 * stand-in served by a LocalChain with nothing at the program id. No cluster is reachable from
 * here; this is the path a devnet deployment takes, down to the HTTP requests.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { configPda, LocalChain, runDeployCli } from "@justpay/sdk";
import { type RpcStandIn, startRpcStandIn } from "@justpay/sdk/testing";
import { Keypair } from "@solana/web3.js";

const succeeded = (r: { code: number; out: string[]; err: string[] }) => {
  assert.equal(r.code, 0, r.err.join("\n"));
  return JSON.parse(r.out.join("\n"));
};

describe("deploy:program over JSON-RPC", () => {
  let dir: string;
  let chain: LocalChain;
  let standin: RpcStandIn;
  let blocks: NodeJS.Timeout;
  const program = Keypair.generate();
  const payer = Keypair.generate();

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "justpay-deploy-rpc-"));
    chain = await LocalChain.open({
      dataDir: join(dir, "chain"),
      programId: program.publicKey,
      preloadProgram: false,
      durable: false,
    });
    await chain.airdrop(payer.publicKey, 20_000_000_000n);
    await writeFile(join(dir, "payer.json"), JSON.stringify([...payer.secretKey]));
    await writeFile(join(dir, "program.json"), JSON.stringify([...program.secretKey]));
    standin = await startRpcStandIn(chain);
    // A cluster's slots move on by themselves; the deployment waits for the one after its own.
    blocks = setInterval(() => void chain.skipSlots(1), 100);
  });
  after(async () => {
    clearInterval(blocks);
    await standin?.close();
    await chain?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const deploy = async (payerFile = "payer.json") => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runDeployCli(
      [
        "--rpc",
        standin.url,
        "--ws",
        standin.wsUrl,
        "--keypair",
        join(dir, payerFile),
        "--program-keypair",
        join(dir, "program.json"),
        "--usdc-mint",
        chain.usdcMint.toBase58(),
        "--concurrency",
        "8",
        "--json",
      ],
      { out: (l) => out.push(l), err: (l) => err.push(l), env: { JUSTPAY_DATA_DIR: join(dir, "data") } },
    );
    return { code, out, err };
  };

  it("refuses to start with a payer that cannot pay the rent, and sends nothing", async () => {
    await writeFile(join(dir, "poor.json"), JSON.stringify([...Keypair.generate().secretKey]));
    const r = await deploy("poor.json");
    assert.equal(r.code, 1);
    assert.match(r.err.join("\n"), /holds 0\.000 SOL; deploying \d+ bytes needs about 1\.\d{3} SOL/);
    assert.equal(standin.calls.get("sendTransaction") ?? 0, 0);
  });

  it("deploys and initializes the config, then a re-run sends no transaction", async () => {
    const first = succeeded(await deploy());
    assert.equal(first.programId, program.publicKey.toBase58());
    assert.equal(first.status, "deployed");
    assert.equal(first.configCreated, true);
    const config = await chain.getAccount(configPda(program.publicKey).address);
    assert.ok(config?.owner.equals(program.publicKey));

    const sends = standin.calls.get("sendTransaction") ?? 0;
    const second = succeeded(await deploy());
    assert.equal(second.status, "unchanged");
    assert.equal(second.configCreated, false);
    assert.equal(standin.calls.get("sendTransaction") ?? 0, sends);
  });
});
