/**
 * The upgradeable-loader deployment on LocalChain, opened with no preloaded program: litesvm
 * runs the real loader, so the buffer, the Writes and DeployWithMaxDataLen are the cluster's.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import {
  agentPda,
  BPF_LOADER_UPGRADEABLE_ID,
  bootstrapPlatform,
  type Chain,
  configPda,
  DEFAULT_PROGRAM_PATH,
  type DeployEvent,
  DeployedProgramDiffersError,
  type DeployPlatformOptions,
  decodeAccount,
  decodeProgramDataAccount,
  deployBufferAddress,
  deployPlatform,
  deployProgram,
  escrowProgram,
  ForeignConfigError,
  type LocalChain,
  PROGRAM_DATA_METADATA_LEN,
  programDataAddress,
} from "@justpay/sdk";
import { Keypair, type PublicKey, Transaction } from "@solana/web3.js";
import { type DeployFixture, openFixture } from "./support/fixture.js";

describe("deploying the program with the upgradeable loader", () => {
  let elf: Buffer;
  let f: DeployFixture;
  before(async () => {
    elf = await readFile(DEFAULT_PROGRAM_PATH);
  });
  beforeEach(async () => {
    f = await openFixture();
  });
  afterEach(() => f.close());

  const platformOptions = (extra: Partial<DeployPlatformOptions> = {}): DeployPlatformOptions => ({
    elf,
    payer: f.payer,
    program: f.program,
    usdcMint: f.chain.usdcMint,
    authorities: f.authorities,
    ...extra,
  });

  it("deploys to a fresh program id: the loader's accounts, the authority, then the program runs", async () => {
    assert.equal(await f.chain.getAccount(f.program.publicKey), null, "the chain starts with no program there");
    const events: DeployEvent[] = [];
    const result = await deployProgram(f.chain, {
      elf,
      payer: f.payer,
      program: f.program,
      onProgress: (e) => events.push(e),
    });

    assert.equal(result.status, "deployed");
    assert.ok(result.programId.equals(f.program.publicKey));
    const program = await f.chain.getAccount(f.program.publicKey);
    assert.ok(program?.owner.equals(BPF_LOADER_UPGRADEABLE_ID));
    assert.equal(program?.executable, true);
    const programData = await f.chain.getAccount(programDataAddress(f.program.publicKey));
    assert.ok(programData);
    assert.ok(decodeProgramDataAccount(programData.data).upgradeAuthority?.equals(f.payer.publicKey));
    assert.ok(Buffer.from(programData.data.subarray(PROGRAM_DATA_METADATA_LEN)).equals(elf));
    // The buffer's bytes moved into ProgramData, and its rent went back to the payer.
    assert.equal(await f.chain.getAccount(result.buffer), null);

    const chunkEvents = events.filter((e) => e.step === "chunk");
    assert.equal(chunkEvents.length, result.chunks.total);
    assert.equal(result.chunks.written + result.chunks.skipped, result.chunks.total);
    assert.ok(result.chunks.written > 50, `a ${elf.length}-byte binary takes many Writes`);
    assert.deepEqual(
      chunkEvents.map((e) => e.index),
      [...Array(result.chunks.total).keys()],
    );
    assert.deepEqual(events.at(0), { step: "buffer", action: "created", buffer: result.buffer });
    assert.equal(events.at(-1)?.step, "deployed");

    await registerAgent(f.chain, f.payer, f.program.publicKey);
  });

  it("keeps the deployed program across a restart of the chain", async () => {
    await deployProgram(f.chain, { elf, payer: f.payer, program: f.program });
    const chain = await f.reopen();
    await registerAgent(chain, f.payer, f.program.publicKey);
  });

  it("deploys and initializes the config; a re-run sends nothing", async () => {
    const first = await deployPlatform(f.chain, platformOptions());
    assert.equal(first.program.status, "deployed");
    assert.equal(first.platform.created, true);
    const config = await f.chain.getAccount(configPda(f.program.publicKey).address);
    assert.ok(config);
    assert.ok(config.owner.equals(f.program.publicKey));
    const decoded = decodeAccount<Record<string, PublicKey>>(escrowProgram(f.program.publicKey), "config", config.data);
    assert.ok(decoded.admin!.equals(f.authorities.admin.publicKey));
    assert.ok(decoded.usdcMint!.equals(f.chain.usdcMint));

    const sent = f.chain.transactionCount;
    const again = await deployPlatform(f.chain, platformOptions());
    assert.equal(again.program.status, "unchanged");
    assert.equal(again.platform.created, false);
    assert.equal(f.chain.transactionCount, sent, "the re-run sent no transaction");
  });

  it("resumes an interrupted upload: what landed is skipped, only the rest is written", async () => {
    const firstRun: number[] = [];
    const stopAfter = 30;
    await assert.rejects(
      deployProgram(f.chain, {
        elf,
        payer: f.payer,
        program: f.program,
        concurrency: 1,
        onProgress: (e) => {
          if (e.step !== "chunk" || e.action !== "written") return;
          firstRun.push(e.index);
          if (firstRun.length === stopAfter) throw new Error("killed");
        },
      }),
      /killed/,
    );
    assert.equal(firstRun.length, stopAfter);
    assert.equal(await f.chain.getAccount(f.program.publicKey), null, "nothing deployed yet");

    const secondRun: number[] = [];
    const events: DeployEvent[] = [];
    const result = await deployProgram(f.chain, {
      elf,
      payer: f.payer,
      program: f.program,
      onProgress: (e) => {
        events.push(e);
        if (e.step === "chunk" && e.action === "written") secondRun.push(e.index);
      },
    });
    assert.equal(result.status, "deployed");
    assert.deepEqual(events[0], { step: "buffer", action: "reused", buffer: result.buffer });
    assert.deepEqual(
      secondRun.filter((i) => firstRun.includes(i)),
      [],
      "no chunk written twice",
    );
    assert.ok(result.chunks.skipped >= stopAfter);
    assert.equal(result.chunks.written, secondRun.length);
    await registerAgent(f.chain, f.payer, f.program.publicKey);
  });

  it("resumes after the connection failed in the middle of the Writes", async () => {
    const flaky = failingAfter(f.chain, 12);
    await assert.rejects(
      deployProgram(flaky, { elf, payer: f.payer, program: f.program, concurrency: 3 }),
      /connection reset/,
    );
    const result = await deployProgram(f.chain, { elf, payer: f.payer, program: f.program, concurrency: 3 });
    assert.equal(result.status, "deployed");
    assert.ok(result.chunks.skipped >= 10, `skipped ${result.chunks.skipped}`);
    await registerAgent(f.chain, f.payer, f.program.publicKey);
  });

  it("starts the buffer over when a binary of another size was being written", async () => {
    const other = Buffer.concat([elf, Buffer.alloc(3_000, 7)]);
    await assert.rejects(
      deployProgram(f.chain, {
        elf: other,
        payer: f.payer,
        program: f.program,
        concurrency: 1,
        onProgress: (e) => {
          if (e.step === "chunk" && e.index === 5) throw new Error("killed");
        },
      }),
      /killed/,
    );
    const events: DeployEvent[] = [];
    const result = await deployProgram(f.chain, {
      elf,
      payer: f.payer,
      program: f.program,
      onProgress: (e) => events.push(e),
    });
    assert.deepEqual(events[0], { step: "buffer", action: "recreated", buffer: result.buffer });
    const programData = await f.chain.getAccount(programDataAddress(f.program.publicKey));
    assert.ok(Buffer.from(programData!.data.subarray(PROGRAM_DATA_METADATA_LEN)).equals(elf));
  });

  it("deploys to an address someone sent lamports to first", async () => {
    // createAccount refuses an address holding lamports; a griefer can send some to any address.
    await f.chain.airdrop(f.program.publicKey, 1_000n);
    const result = await deployProgram(f.chain, { elf, payer: f.payer, program: f.program });
    assert.equal(result.status, "deployed");
    const program = await f.chain.getAccount(f.program.publicKey);
    assert.ok(program?.owner.equals(BPF_LOADER_UPGRADEABLE_ID));
    assert.equal(program?.executable, true);
    await registerAgent(f.chain, f.payer, f.program.publicKey);
  });

  it("refuses to redeploy over a program deployed with other bytes", async () => {
    await deployProgram(f.chain, { elf, payer: f.payer, program: f.program });
    const changed = Buffer.from(elf);
    changed[changed.length - 1] = (changed.at(-1)! + 1) % 256;
    const sent = f.chain.transactionCount;
    await assert.rejects(
      deployProgram(f.chain, { elf: changed, payer: f.payer, program: f.program }),
      DeployedProgramDiffersError,
    );
    assert.equal(f.chain.transactionCount, sent);
  });

  it("lets nobody but the upgrade authority initialize the config", async () => {
    // The payer and the upgrade authority are separate keys here: two signatures per Write.
    const authority = Keypair.generate();
    await f.chain.airdrop(authority.publicKey, 10_000_000_000n);
    const deployed = await deployProgram(f.chain, { elf, payer: f.payer, program: f.program, authority });
    assert.ok(deployed.upgradeAuthority?.equals(authority.publicKey));

    // Someone who watched the deployment races to open the platform with their own admin.
    const stranger = Keypair.generate();
    await f.chain.airdrop(stranger.publicKey, 10_000_000_000n);
    await assert.rejects(
      bootstrapPlatform(f.chain, stranger, f.chain.usdcMint, {
        admin: stranger,
        operator: stranger.publicKey,
        arbiter: stranger.publicKey,
        treasuryOwner: stranger.publicKey,
        upgradeAuthority: stranger,
      }),
      /Error Code: Unauthorized/,
    );
    assert.equal(await f.chain.getAccount(configPda(f.program.publicKey).address), null);

    const opened = await deployPlatform(f.chain, platformOptions({ authority }));
    assert.equal(opened.program.status, "unchanged");
    assert.equal(opened.platform.created, true);
    // With the config taken, bootstrapping with other authorities is refused before sending.
    await assert.rejects(
      bootstrapPlatform(f.chain, stranger, f.chain.usdcMint, {
        admin: stranger,
        operator: stranger.publicKey,
        arbiter: stranger.publicKey,
        treasuryOwner: stranger.publicKey,
        upgradeAuthority: stranger,
      }),
      ForeignConfigError,
    );
  });

  it("refuses a chain opened for another program id", async () => {
    const other = Keypair.generate();
    await assert.rejects(deployPlatform(f.chain, platformOptions({ program: other })), /is opened for program/);
    assert.equal(await f.chain.getAccount(other.publicKey), null);
  });

  it("derives one buffer per authority and program", async () => {
    const a = Keypair.generate().publicKey;
    const p = Keypair.generate().publicKey;
    const first = await deployBufferAddress(a, p);
    assert.ok(first.address.equals((await deployBufferAddress(a, p)).address));
    assert.ok(!first.address.equals((await deployBufferAddress(Keypair.generate().publicKey, p)).address));
    assert.ok(!first.address.equals((await deployBufferAddress(a, Keypair.generate().publicKey)).address));
  });
});

/** register_agent on the deployed program: its ledger appears, owned by the new program id. */
async function registerAgent(chain: Chain, payer: Keypair, programId: PublicKey): Promise<void> {
  const wallet = Keypair.generate();
  const agent = agentPda(programId, wallet.publicKey).address;
  const ix = await escrowProgram(programId)
    .methods.registerAgent()
    .accountsPartial({ payer: payer.publicKey, wallet: wallet.publicKey, agent })
    .instruction();
  const { blockhash, lastValidBlockHeight } = await chain.latestBlockhash();
  const tx = new Transaction({ feePayer: payer.publicKey, blockhash, lastValidBlockHeight }).add(ix);
  tx.sign(payer, wallet);
  const outcome = await chain.sendTransaction(tx);
  assert.equal(outcome.err, null, outcome.logs.join("\n"));
  const ledger = await chain.getAccount(agent);
  assert.ok(ledger?.owner.equals(programId));
}

/** The chain, except that every send after the first `n` fails as a dropped connection would. */
function failingAfter(chain: LocalChain, n: number): Chain {
  let sends = 0;
  return new Proxy(chain, {
    get(target, property) {
      if (property === "sendTransaction")
        return (tx: Transaction) => {
          if (++sends > n) return Promise.reject(new Error("connection reset"));
          return target.sendTransaction(tx);
        };
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
