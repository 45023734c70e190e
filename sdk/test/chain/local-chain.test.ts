import assert from "node:assert/strict";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { getAssociatedTokenAddressSync, MintLayout } from "@solana/spl-token";
import { Keypair, type PublicKey } from "@solana/web3.js";
import { TransactionRejectedError } from "../../src/chain/errors.js";
import { DEFAULT_PROGRAM_PATH, type LocalChain } from "../../src/chain/local/index.js";
import {
  BPF_LOADER_UPGRADEABLE_ID,
  decodeProgramDataAccount,
  encodeProgramAccount,
  PROGRAM_DATA_METADATA_LEN,
  programDataAddress,
} from "../../src/program/index.js";
import { describeChainContract } from "./contract.js";
import {
  bogusProgramIx,
  lamportsOf,
  registerAgentIx,
  send,
  sendOk,
  signed,
  tokenAmount,
  transferIx,
  waitFor,
} from "./fixtures.js";
import { localHarness, openLocal, tempDir } from "./local-harness.js";

describeChainContract("LocalChain", localHarness);

describe("LocalChain", () => {
  let dataDir: string;
  let chain: LocalChain;
  beforeEach(async () => {
    dataDir = await tempDir();
    chain = await openLocal({ dataDir });
  });
  afterEach(async () => {
    await chain.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  describe("first start", () => {
    it("creates a 6-decimal USDC mint owned by the faucet and a funded fee payer, kept across restarts", async () => {
      const mint = await chain.getAccount(chain.usdcMint);
      assert.ok(mint);
      const decoded = MintLayout.decode(mint.data);
      assert.equal(decoded.decimals, 6);
      assert.ok(decoded.mintAuthority.equals(chain.faucet.publicKey));
      assert.equal(decoded.supply, 0n);
      assert.ok((await lamportsOf(chain, chain.feePayer.publicKey)) >= 10_000n * 1_000_000_000n);
      assert.equal(chain.openReport.created, true);
      const creation = await chain.getSignaturesForAddress(chain.usdcMint);
      assert.equal(creation.length, 1, "the mint was created by a logged transaction");

      const { usdcMint, faucet, feePayer } = chain;
      await chain.close();
      chain = await openLocal({ dataDir });

      assert.equal(chain.openReport.created, false);
      assert.ok(chain.usdcMint.equals(usdcMint));
      assert.ok(chain.faucet.publicKey.equals(faucet.publicKey));
      assert.ok(chain.feePayer.publicKey.equals(feePayer.publicKey));
    });

    it("deploys the program with the upgradeable loader, its upgrade authority kept across restarts", async () => {
      const deployed = async () => {
        const program = await chain.getAccount(chain.programId);
        assert.ok(program?.executable);
        assert.ok(program.owner.equals(BPF_LOADER_UPGRADEABLE_ID));
        assert.ok(program.data.equals(encodeProgramAccount(programDataAddress(chain.programId))));
        const programData = await chain.getAccount(programDataAddress(chain.programId));
        assert.ok(programData);
        assert.ok(programData.owner.equals(BPF_LOADER_UPGRADEABLE_ID));
        assert.ok(programData.data.subarray(PROGRAM_DATA_METADATA_LEN).equals(await readFile(DEFAULT_PROGRAM_PATH)));
        return decodeProgramDataAccount(programData.data).upgradeAuthority;
      };
      assert.ok((await deployed())?.equals(chain.upgradeAuthority.publicKey));
      // The program runs: a ledger is created through it.
      const wallet = Keypair.generate();
      const { ix } = await registerAgentIx(chain.programId, chain.feePayer.publicKey, wallet.publicKey);
      await sendOk(chain, [ix], [chain.feePayer, wallet]);

      const { upgradeAuthority } = chain;
      await chain.close();
      chain = await openLocal({ dataDir });
      assert.ok(chain.upgradeAuthority.publicKey.equals(upgradeAuthority.publicKey));
      assert.ok((await deployed())?.equals(upgradeAuthority.publicKey));
    });

    it("gives a data directory whose keys predate the upgrade authority one, and keeps the others", async () => {
      // Given a keys file without an upgrade authority
      const { faucet, feePayer, usdcMint } = chain;
      await chain.close();
      const path = join(dataDir, "keys.json");
      const { upgradeAuthority: _dropped, ...older } = JSON.parse(await readFile(path, "utf8"));
      await writeFile(path, JSON.stringify(older));
      // When the chain opens it, the other keys are unchanged and the new one is kept
      chain = await openLocal({ dataDir });
      assert.ok(chain.faucet.publicKey.equals(faucet.publicKey));
      assert.ok(chain.feePayer.publicKey.equals(feePayer.publicKey));
      assert.ok(chain.usdcMint.equals(usdcMint));
      const { upgradeAuthority } = chain;
      await chain.close();
      chain = await openLocal({ dataDir });
      assert.ok(chain.upgradeAuthority.publicKey.equals(upgradeAuthority.publicKey));
    });
  });

  describe("faucet", () => {
    it("mints USDC into the owner's associated token account, creating it on first use", async () => {
      const owner = Keypair.generate().publicKey;

      const first = await chain.mintUsdc(owner, 5_000_000n);
      const second = await chain.mintUsdc(owner, 2_000_000n);

      assert.ok(first.tokenAccount.equals(getAssociatedTokenAddressSync(chain.usdcMint, owner)));
      assert.ok(second.tokenAccount.equals(first.tokenAccount));
      assert.equal(await tokenAmount(chain, first.tokenAccount), 7_000_000n);
      assert.equal(MintLayout.decode((await chain.getAccount(chain.usdcMint))!.data).supply, 7_000_000n);
      const history = await chain.getSignaturesForAddress(first.tokenAccount);
      assert.deepEqual(
        history.map((s) => s.signature),
        [second.signature, first.signature],
      );
    });

    it("airdrops SOL as a logged transfer from the faucet", async () => {
      const to = Keypair.generate().publicKey;

      const outcome = await chain.airdrop(to, 3_000_000_000n);

      assert.equal(await lamportsOf(chain, to), 3_000_000_000n);
      const record = await chain.getTransaction(outcome.signature);
      assert.ok(record?.accountKeys[0]?.equals(chain.faucet.publicKey));
    });
  });

  describe("sending", () => {
    it("rejects a transaction that cannot land without using a slot or leaving a trace", async () => {
      const broke = Keypair.generate();
      const slot = await chain.getSlot();
      const count = chain.transactionCount;

      const error = await send(chain, [transferIx(broke.publicKey, chain.feePayer.publicKey, 1n)], [broke]).then(
        () => assert.fail("expected a rejection"),
        (e: unknown) => e,
      );

      assert.ok(error instanceof TransactionRejectedError);
      assert.equal(error.reason, "AccountNotFound");
      assert.equal(await chain.getSlot(), slot);
      assert.equal(chain.transactionCount, count);
      assert.equal(await chain.getSignatureStatus(error.signature), null);
    });

    it("refuses wire bytes with a forged signature as the runtime does, without using a slot", async () => {
      const tx = await signed(
        chain,
        [transferIx(chain.feePayer.publicKey, Keypair.generate().publicKey, 1e6)],
        [chain.feePayer],
      );
      const forged = Buffer.from(tx.serialize());
      forged[1]! ^= 1;
      const slot = await chain.getSlot();
      const count = chain.transactionCount;
      const balance = await lamportsOf(chain, chain.feePayer.publicKey);

      const error = await chain.sendTransaction(forged).catch((e: unknown) => e);

      assert.ok(error instanceof TransactionRejectedError);
      assert.equal(error.reason, "SignatureFailure");
      assert.equal(await chain.getSlot(), slot);
      assert.equal(chain.transactionCount, count);
      assert.equal(await lamportsOf(chain, chain.feePayer.publicKey), balance);
    });

    it("simulates wire bytes and web3.js transactions alike, committing nothing", async () => {
      const to = Keypair.generate().publicKey;
      const tx = await signed(chain, [transferIx(chain.feePayer.publicKey, to, 1e6)], [chain.feePayer]);
      const failing = await signed(chain, [bogusProgramIx(chain.programId)], [chain.feePayer]);
      const count = chain.transactionCount;

      const fromBytes = await chain.simulateTransaction(tx.serialize());
      const fromTx = await chain.simulateTransaction(tx);
      const failed = await chain.simulateTransaction(failing.serialize());

      assert.deepEqual(fromBytes, fromTx);
      assert.equal(fromBytes.err, null);
      assert.ok(fromBytes.computeUnits > 0);
      assert.deepEqual(failed.err, { InstructionError: [0, { Custom: 6000 }] });
      assert.equal(chain.transactionCount, count);
      assert.equal(await chain.getAccount(to), null);
    });

    it("gives every landed transaction the next slot, stamped with the clock", async () => {
      const slot = await chain.getSlot();
      await chain.warpTo(1_900_000_000n);

      const a = await sendOk(
        chain,
        [transferIx(chain.feePayer.publicKey, Keypair.generate().publicKey, 1e6)],
        [chain.feePayer],
      );
      const b = await send(
        chain,
        [transferIx(Keypair.generate().publicKey, chain.feePayer.publicKey, 1)],
        [chain.feePayer],
      ).catch((e: unknown) => e);

      assert.equal(a.slot, slot + 1);
      assert.ok(b instanceof TransactionRejectedError, "a transaction missing a signature is refused");
      assert.match(b.reason, /^MissingSignature/);
      assert.equal((await chain.getTransaction(a.signature))?.blockTime, 1_900_000_000);
      assert.equal(await chain.getSlot(), slot + 1);
    });
  });

  describe("subscribe", () => {
    it("notifies after the state is committed, never during sendTransaction", async () => {
      const wallet = Keypair.generate();
      const { ix, agent } = await registerAgentIx(chain.programId, chain.feePayer.publicKey, wallet.publicKey);
      const seen: { lamports: bigint | undefined; stored: Promise<bigint | undefined> }[] = [];
      chain.subscribe({
        onAccountChange: (c) =>
          seen.push({ lamports: c.account?.lamports, stored: chain.getAccount(c.address).then((a) => a?.lamports) }),
      });

      await sendOk(chain, [ix], [chain.feePayer, wallet]);
      assert.equal(seen.length, 0, "not delivered inside sendTransaction");
      await chain.notificationsDelivered();

      assert.equal(seen.length, 1);
      assert.equal(await seen[0]!.stored, seen[0]!.lamports);
      assert.equal(seen[0]!.lamports, await lamportsOf(chain, agent));
    });

    it("lets a listener send from its callback, and a throwing listener disturbs neither sends nor others", async () => {
      const errors: unknown[] = [];
      await chain.close();
      chain = await openLocal({ dataDir, onError: (e) => errors.push(e) });
      const logs: string[] = [];
      const echoes: PublicKey[] = [];
      chain.subscribe({
        onLogs: () => {
          throw new Error("listener bug");
        },
      });
      chain.subscribe({
        onLogs: (l) => {
          logs.push(l.signature);
          if (logs.length === 1) {
            const wallet = Keypair.generate();
            void registerAgentIx(chain.programId, chain.feePayer.publicKey, wallet.publicKey).then(({ ix, agent }) => {
              echoes.push(agent);
              return sendOk(chain, [ix], [chain.feePayer, wallet]);
            });
          }
        },
      });
      const wallet = Keypair.generate();
      const { ix } = await registerAgentIx(chain.programId, chain.feePayer.publicKey, wallet.publicKey);

      await sendOk(chain, [ix], [chain.feePayer, wallet]);

      await waitFor(() => logs.length === 2, "the echo's logs");
      assert.ok(await chain.getAccount(echoes[0]!), "the transaction sent from the callback landed");
      assert.equal(errors.length, 2);
    });
  });
});
