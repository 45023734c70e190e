/**
 * LocalChain on disk: a crash image (the data directory copied while the chain runs, which
 * is what a killed process leaves behind) must reopen with every acknowledged transaction.
 */
import assert from "node:assert/strict";
import { appendFile, cp, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { TOKEN_PROGRAM_ID } from "@solana/spl-token";
import { Keypair, type PublicKey, SystemProgram } from "@solana/web3.js";
import { ChainError } from "../../src/chain/errors.js";
import type { LocalChain } from "../../src/chain/local/index.js";
import type { Chain, ChainAccount } from "../../src/chain/port.js";
import { BPF_LOADER_UPGRADEABLE_ID, programDataAddress } from "../../src/program/index.js";
import { bogusProgramIx, registerAgentIx, send, sendOk, signed, transferIx } from "./fixtures.js";
import { openLocal, tempDir } from "./local-harness.js";

const byValue = (a: ChainAccount | null) =>
  a && { ...a, address: a.address.toBase58(), owner: a.owner.toBase58(), data: a.data.toString("hex") };

/**
 * Everything observable: every account owned by the system program, the token program and
 * the escrow program (all accounts users can create), every account of the upgradeable loader
 * (the programs, with the escrow program's ProgramData and its upgrade authority), the history
 * of `addresses`, slot and time.
 */
async function observe(chain: Chain, addresses: PublicKey[]) {
  const owned = async (owner: PublicKey) =>
    (await chain.getProgramAccounts(owner)).accounts.map(byValue).sort((x, y) => x!.address.localeCompare(y!.address));
  return {
    system: await owned(SystemProgram.programId),
    token: await owned(TOKEN_PROGRAM_ID),
    program: await owned(chain.programId),
    loader: await owned(BPF_LOADER_UPGRADEABLE_ID),
    accounts: (await chain.getMultipleAccounts(addresses)).map(byValue),
    history: await Promise.all(addresses.map((a) => chain.getSignaturesForAddress(a))),
    slot: await chain.getSlot(),
    time: await chain.unixTime(),
  };
}

/** A mix of transactions: transfers, SPL mints, program accounts, one failure. */
async function activity(chain: LocalChain): Promise<PublicKey[]> {
  const touched: PublicKey[] = [chain.feePayer.publicKey, chain.usdcMint];
  for (let i = 0; i < 3; i++) {
    const to = Keypair.generate().publicKey;
    await sendOk(chain, [transferIx(chain.feePayer.publicKey, to, 1_000_000 + i)], [chain.feePayer]);
    touched.push(to, (await chain.mintUsdc(to, BigInt(10_000 * (i + 1)))).tokenAccount);
    const wallet = Keypair.generate();
    const { ix, agent } = await registerAgentIx(chain.programId, chain.feePayer.publicKey, wallet.publicKey);
    await sendOk(chain, [ix], [chain.feePayer, wallet]);
    touched.push(agent);
  }
  await send(chain, [bogusProgramIx(chain.programId)], [chain.feePayer]);
  return touched;
}

describe("LocalChain persistence", () => {
  const dirs: string[] = [];
  const chains: LocalChain[] = [];
  const open = async (dataDir: string, snapshotEvery = 1000) => {
    const c = await openLocal({ dataDir, snapshotEvery });
    chains.push(c);
    return c;
  };
  const dir = async () => {
    const d = await tempDir();
    dirs.push(d);
    return d;
  };
  afterEach(async () => {
    for (const c of chains.splice(0)) await c.close();
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it("keeps every account of every owner, and the log byte for byte, across a clean restart", async () => {
    const d = await dir();
    const live = await open(d);
    const touched = await activity(live);
    const before = await observe(live, touched);
    const loaderOwned = before.loader.map((a) => a?.address);
    for (const k of [live.programId, programDataAddress(live.programId)]) assert.ok(loaderOwned.includes(k.toBase58()));
    const log = await readFile(join(d, "transactions.jsonl"));
    await live.close();
    chains.pop();

    const reopened = await open(d);

    assert.deepEqual(await observe(reopened, touched), before);
    assert.ok((await readFile(join(d, "transactions.jsonl"))).equals(log));
    assert.equal(reopened.openReport.replayed, 0, "close wrote a final snapshot");
  });

  it("replays the log entries newer than the snapshot after a crash", async () => {
    const live = await open(await dir());
    const touched = await activity(live);
    const crashed = await dir();
    await cp(live.dataDir, crashed, { recursive: true });

    const recovered = await open(crashed);

    assert.equal(recovered.openReport.replayed, live.transactionCount - 1, "all but genesis, which is in the snapshot");
    assert.deepEqual(await observe(recovered, touched), await observe(live, touched));
    const next = await sendOk(
      recovered,
      [transferIx(recovered.feePayer.publicKey, touched[2]!, 1)],
      [recovered.feePayer],
    );
    assert.equal(next.slot, (await live.getSlot()) + 1);
  });

  it("cuts a torn final log line and keeps everything before it", async () => {
    const live = await open(await dir());
    const touched = await activity(live);
    const crashed = await dir();
    await cp(live.dataDir, crashed, { recursive: true });
    const torn = '{"v":1,"seq":99,"signature":"half-writ';
    await appendFile(join(crashed, "transactions.jsonl"), torn);

    const recovered = await open(crashed);

    assert.equal(recovered.openReport.discardedBytes, torn.length);
    assert.deepEqual(await observe(recovered, touched), await observe(live, touched));
    await sendOk(recovered, [transferIx(recovered.feePayer.publicKey, touched[2]!, 1)], [recovered.feePayer]);
    await recovered.close();
    chains.pop();
    const again = await open(crashed);
    assert.equal(again.openReport.discardedBytes, 0, "the next append started on a clean line");
    assert.equal(again.transactionCount, live.transactionCount + 1);
  });

  it("starts genesis over when it was interrupted before its first snapshot", async () => {
    const d = await dir();
    const first = await open(d);
    const { usdcMint } = first;
    await first.close();
    chains.pop();
    await rm(join(d, "snapshot.bin"));

    const again = await open(d);

    assert.equal(again.openReport.created, true);
    assert.ok(again.usdcMint.equals(usdcMint), "the persisted keys are reused");
    assert.ok(await again.getAccount(usdcMint));
    assert.equal(again.transactionCount, 1, "only the new genesis transaction is logged");
  });

  it("writes the log in execution order under concurrent sends, one slot per transaction", async () => {
    const live = await open(await dir());
    const to = Keypair.generate().publicKey;
    const txs = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        signed(live, [transferIx(live.feePayer.publicKey, to, 1_000 + i)], [live.feePayer]),
      ),
    );

    const outcomes = await Promise.all(txs.map((tx) => live.sendTransaction(tx)));

    const lines = (await readFile(join(live.dataDir, "transactions.jsonl"), "utf8")).trim().split("\n");
    const logged = lines.map((l) => JSON.parse(l) as { seq: number; slot: number; signature: string });
    assert.deepEqual(
      logged.map((e) => e.seq),
      logged.map((_, i) => i + 1),
    );
    for (let i = 1; i < logged.length; i++) assert.ok(logged[i]!.slot > logged[i - 1]!.slot);
    const bySignature = new Map(logged.map((e) => [e.signature, e.slot]));
    for (const o of outcomes) assert.equal(bySignature.get(o.signature), o.slot);
  });

  it("snapshots every `snapshotEvery` transactions, so recovery replays at most that many", async () => {
    const live = await open(await dir(), 4);
    await activity(live);
    const crashed = await dir();
    await cp(live.dataDir, crashed, { recursive: true });

    const recovered = await open(crashed);

    assert.ok(recovered.openReport.replayed < 4, `replayed ${recovered.openReport.replayed}`);
    assert.equal(recovered.transactionCount, live.transactionCount);
  });

  it("refuses a data directory another chain holds, and opens it once that one closes", async () => {
    const d = await dir();
    const first = await open(d);

    await assert.rejects(openLocal({ dataDir: d }), ChainError);

    await first.close();
    chains.pop();
    const second = await open(d);
    assert.ok(second.usdcMint.equals(first.usdcMint));
    assert.ok((await stat(join(d, "LOCK"))).isFile());
  });
});
