/**
 * Upgrading a deployed program with the upgradeable loader on LocalChain (litesvm runs the real
 * loader): a small program is deployed, then replaced by the escrow program, which outgrows its
 * ProgramData, so `ExtendProgram` runs before `Upgrade`; the escrow program then serves. Only
 * the upgrade authority may do it, and a re-run sends nothing.
 */
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  buildContext,
  DEFAULT_PROGRAM_PATH,
  type DeployEvent,
  DeployedProgramDiffersError,
  decodeProgramDataAccount,
  deployProgram,
  NotUpgradeAuthorityError,
  PROGRAM_DATA_METADATA_LEN,
  programDataAddress,
  registerAgentInstruction,
} from "@justpay/sdk";
import { Keypair, Transaction } from "@solana/web3.js";
import { type DeployFixture, openFixture } from "./support/fixture.js";

/** A minimal valid SBF program (the relinker's golden fixture), to be upgraded away from. */
const SMALL_PROGRAM = join(__dirname, "../../tools/sbf/test/relink/fixtures/golden.so");

describe("upgrading a deployed program", function () {
  this.timeout(120_000);
  let escrow: Buffer;
  let small: Buffer;
  let f: DeployFixture;
  before(async () => {
    escrow = await readFile(DEFAULT_PROGRAM_PATH);
    small = await readFile(SMALL_PROGRAM);
  });
  beforeEach(async () => {
    f = await openFixture();
    await deployProgram(f.chain, { elf: small, payer: f.payer, program: f.program });
    await f.chain.skipSlots(1); // a program upgrades from the slot after its deployment
  });
  afterEach(() => f.close());

  const programBytes = async () => {
    const data = await f.chain.getAccount(programDataAddress(f.program.publicKey));
    assert.ok(data);
    return {
      bytes: Buffer.from(data.data.subarray(PROGRAM_DATA_METADATA_LEN)),
      meta: decodeProgramDataAccount(data.data),
    };
  };

  it("extends ProgramData for the larger binary, upgrades, and the new program serves", async () => {
    const events: DeployEvent[] = [];
    const result = await deployProgram(f.chain, {
      elf: escrow,
      payer: f.payer,
      program: f.program,
      upgrade: true,
      onProgress: (e) => events.push(e),
    });

    assert.equal(result.status, "upgraded");
    assert.deepEqual(
      events.filter((e) => e.step === "extended").map((e) => (e as { bytes: number }).bytes),
      [escrow.length - small.length],
    );
    assert.equal(events.at(-1)?.step, "upgraded");
    const { bytes, meta } = await programBytes();
    assert.ok(bytes.equals(escrow), "ProgramData holds exactly the new binary");
    assert.ok(meta.upgradeAuthority?.equals(f.payer.publicKey), "the upgrade authority stays");
    assert.equal(await f.chain.getAccount(result.buffer), null, "the buffer's rent went back to the payer");

    // The escrow program now runs at the upgraded address
    await f.chain.skipSlots(1);
    const wallet = Keypair.generate();
    const ix = registerAgentInstruction(
      { payer: f.payer.publicKey, wallet: wallet.publicKey },
      buildContext(f.program.publicKey),
    );
    const { blockhash, lastValidBlockHeight } = await f.chain.latestBlockhash();
    const tx = new Transaction({ feePayer: f.payer.publicKey, blockhash, lastValidBlockHeight }).add(ix);
    tx.sign(f.payer, wallet);
    const outcome = await f.chain.sendTransaction(tx);
    assert.equal(outcome.err, null, outcome.logs.join("\n"));

    // And a re-run sends nothing
    const sent = f.chain.transactionCount;
    const again = await deployProgram(f.chain, { elf: escrow, payer: f.payer, program: f.program, upgrade: true });
    assert.equal(again.status, "unchanged");
    assert.equal(f.chain.transactionCount, sent);
  });

  it("refuses other bytes without upgrade, and an upgrade by anyone but the upgrade authority", async () => {
    const sent = f.chain.transactionCount;
    await assert.rejects(
      deployProgram(f.chain, { elf: escrow, payer: f.payer, program: f.program }),
      DeployedProgramDiffersError,
    );
    const stranger = Keypair.generate();
    await f.chain.airdrop(stranger.publicKey, 10_000_000_000n);
    const afterAirdrop = f.chain.transactionCount;
    assert.ok(afterAirdrop >= sent);
    await assert.rejects(
      deployProgram(f.chain, { elf: escrow, payer: stranger, program: f.program, upgrade: true }),
      (e: unknown) => e instanceof NotUpgradeAuthorityError && e.message.includes(f.payer.publicKey.toBase58()),
    );
    assert.equal(f.chain.transactionCount, afterAirdrop, "nothing was sent for the refused upgrade");
    assert.ok((await programBytes()).bytes.subarray(0, small.length).equals(small), "the program is unchanged");
  });
});
