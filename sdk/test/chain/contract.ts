/**
 * The contract every `Chain` adapter passes: LocalChain directly, RpcChain through the local
 * JSON-RPC stand-in, or RpcChain against a real cluster when SOLANA_RPC_URL is set (see
 * rpc-chain.test.ts). Tests that need powers a real cluster does not grant (moving the clock,
 * skipping slots, restarting the chain) run only where the harness provides them.
 */
import assert from "node:assert/strict";
import { AccountLayout } from "@solana/spl-token";
import { Keypair, type PublicKey, SystemProgram } from "@solana/web3.js";
import { BlockhashExpiredError, TransactionRejectedError } from "../../src/chain/errors.js";
import type { AccountChange, Chain, ChainAccount, LogsNotification } from "../../src/chain/port.js";
import { transactionSignature } from "../../src/chain/wire.js";
import {
  BPF_LOADER_UPGRADEABLE_ID,
  decodeAccount,
  decodeProgramDataAccount,
  encodeProgramAccount,
  escrowProgram,
  programDataAddress,
} from "../../src/program/index.js";
import {
  anchorAccountDiscriminator,
  ataIx,
  bogusProgramIx,
  createMintIxs,
  lamportsOf,
  mintSupply,
  mintToIx,
  registerAgentIx,
  send,
  sendOk,
  signed,
  tokenAmount,
  transferCheckedIx,
  transferIx,
  waitFor,
} from "./fixtures.js";
import { describeTokenTransfersContract } from "./token-transfers-contract.js";

export interface ChainHarness {
  chain: Chain;
  /** Funded with SOL; pays for everything the tests send. */
  payer: Keypair;
  /** A real cluster: slower, shared, and the tests allow for that. */
  remote?: boolean;
  /** Sets the Clock sysvar's time. */
  warpTo?(unixTimestamp: bigint): Promise<void>;
  /** Advances the block height with empty blocks, so blockhashes expire. */
  skipSlots?(count: number): Promise<void>;
  /** Resolves once subscriptions made so far are live (a WebSocket subscribe is a round trip). */
  subscribed?(): Promise<void>;
  /** Closes the chain and opens it again on the same storage. */
  restart?(): Promise<Chain>;
  close(): Promise<void>;
}

export type ChainHarnessFactory = () => Promise<ChainHarness>;

const SOL = 1_000_000_000n;
const FEE = 5000n;

export function describeChainContract(name: string, factory: ChainHarnessFactory): void {
  describe(`Chain contract [${name}]`, () => {
    let h: ChainHarness;
    let chain: Chain;
    let payer: Keypair;

    beforeEach(async function () {
      h = await factory();
      ({ chain, payer } = h);
      if (h.remote) this.currentTest?.timeout(120_000);
    });
    afterEach(async () => {
      await h?.close();
    });

    const programDeployed = async () => (await chain.getAccount(chain.programId))?.executable === true;

    describe("sending and reading", () => {
      it("transfers SOL: the recipient holds the amount, the sender paid it plus the fee", async () => {
        const to = Keypair.generate().publicKey;
        const before = await lamportsOf(chain, payer.publicKey);

        const tx = await signed(chain, [transferIx(payer.publicKey, to, SOL / 100n)], [payer]);
        const outcome = await chain.sendTransaction(tx);

        assert.equal(outcome.err, null);
        assert.equal(outcome.signature, transactionSignature(tx));
        assert.ok(outcome.slot > 0);
        const account = await chain.getAccount(to);
        assert.equal(account?.lamports, SOL / 100n);
        assert.ok(account?.owner.equals(SystemProgram.programId));
        if (!h.remote) assert.equal(await lamportsOf(chain, payer.publicKey), before - SOL / 100n - FEE);
      });

      it("creates a mint, mints and transfers SPL tokens with real instructions", async () => {
        const mint = Keypair.generate();
        const alice = Keypair.generate();
        const bob = Keypair.generate().publicKey;
        const a = ataIx(payer.publicKey, mint.publicKey, alice.publicKey);
        const b = ataIx(payer.publicKey, mint.publicKey, bob);

        await sendOk(chain, createMintIxs(payer.publicKey, mint.publicKey, payer.publicKey), [payer, mint]);
        await sendOk(chain, [a.ix, b.ix, mintToIx(mint.publicKey, a.ata, payer.publicKey, 1_000_000n)], [payer]);
        await sendOk(
          chain,
          [transferCheckedIx(a.ata, mint.publicKey, b.ata, alice.publicKey, 250_000n)],
          [payer, alice],
        );

        assert.equal(await tokenAmount(chain, a.ata), 750_000n);
        assert.equal(await tokenAmount(chain, b.ata), 250_000n);
        assert.equal(await mintSupply(chain, mint.publicKey), 1_000_000n);
        const bobAccount = await chain.getAccount(b.ata);
        assert.ok(AccountLayout.decode(bobAccount!.data).owner.equals(bob));
      });

      it("reads several accounts at once, with null where nothing exists", async () => {
        const to = Keypair.generate().publicKey;
        const nobody = Keypair.generate().publicKey;
        await sendOk(chain, [transferIx(payer.publicKey, to, 1_000_000n)], [payer]);

        const [funded, missing, again] = await chain.getMultipleAccounts([to, nobody, to]);

        assert.equal(funded?.lamports, 1_000_000n);
        assert.ok(funded?.address.equals(to));
        assert.equal(missing, null);
        assert.equal(again?.lamports, 1_000_000n);
        assert.equal(await chain.getAccount(nobody), null);
      });

      it("returns the same outcome when the same signed transaction is sent twice, and applies it once", async () => {
        const to = Keypair.generate().publicKey;
        const tx = await signed(chain, [transferIx(payer.publicKey, to, 2_000_000n)], [payer]);

        const first = await chain.sendTransaction(tx);
        const second = await chain.sendTransaction(tx);

        assert.equal(second.signature, first.signature);
        assert.equal(second.slot, first.slot);
        assert.equal(await lamportsOf(chain, to), 2_000_000n);
        assert.equal((await chain.getSignaturesForAddress(to)).length, 1);
      });

      it("sends a transaction handed over as its wire bytes, the same transaction as the web3.js one", async () => {
        const to = Keypair.generate().publicKey;
        const tx = await signed(chain, [transferIx(payer.publicKey, to, 3_000_000n)], [payer]);
        const wire = tx.serialize();

        const first = await chain.sendTransaction(wire);
        const asBytesAgain = await chain.sendTransaction(new Uint8Array(wire));
        const asTransaction = await chain.sendTransaction(tx);

        assert.equal(first.signature, transactionSignature(tx));
        assert.equal(first.err, null);
        assert.deepEqual([asBytesAgain.signature, asBytesAgain.slot], [first.signature, first.slot]);
        assert.deepEqual([asTransaction.signature, asTransaction.slot], [first.signature, first.slot]);
        assert.equal(await lamportsOf(chain, to), 3_000_000n);
        assert.equal((await chain.getTransaction(first.signature))?.accountKeys[1]?.toBase58(), to.toBase58());
      });

      it("refuses wire bytes that are malformed, lack a signature or carry a forged one, leaving no trace", async () => {
        const to = Keypair.generate().publicKey;
        const tx = await signed(chain, [transferIx(payer.publicKey, to, 1_000_000n)], [payer]);
        const refused = (reason: RegExp) => (e: unknown) =>
          e instanceof TransactionRejectedError && reason.test(e.reason);
        const unsigned = Buffer.from(tx.serialize()).fill(0, 1, 65);
        const forged = Buffer.from(tx.serialize());
        forged[1]! ^= 1;

        await assert.rejects(chain.sendTransaction(new Uint8Array([1, 2, 3])), refused(/^SanitizeFailure/));
        await assert.rejects(chain.sendTransaction(unsigned), refused(/^MissingSignature/));
        await assert.rejects(chain.sendTransaction(forged), refused(/signature/i));

        assert.equal(await chain.getAccount(to), null);
        assert.equal(await chain.getSignatureStatus(transactionSignature(tx)), null);
      });

      it("serializes concurrent sends: each lands in its own slot, history in execution order", async () => {
        const to = Keypair.generate().publicKey;
        const txs = await Promise.all(
          Array.from({ length: 8 }, (_, i) => signed(chain, [transferIx(payer.publicKey, to, 1_000_000 + i)], [payer])),
        );

        const outcomes = await Promise.all(txs.map((tx) => chain.sendTransaction(tx)));

        assert.ok(outcomes.every((o) => o.err === null));
        // A cluster packs several transactions into a slot; LocalChain gives each its own.
        if (!h.remote) assert.equal(new Set(outcomes.map((o) => o.slot)).size, 8);
        assert.equal(await lamportsOf(chain, to), BigInt(8_000_000 + 28));
        const history = await chain.getSignaturesForAddress(to);
        assert.deepEqual(
          history.map((s) => s.slot),
          [...history.map((s) => s.slot)].sort((x, y) => y - x),
        );
        assert.deepEqual(new Set(history.map((s) => s.signature)), new Set(outcomes.map((o) => o.signature)));
      });
    });

    describe("the program's accounts", () => {
      it("serves the program as the upgradeable loader deployed it, with an upgrade authority", async function () {
        if (!(await programDeployed())) this.skip();
        // initialize_config reads these two accounts to find who may initialize the config.
        const program = await chain.getAccount(chain.programId);
        assert.ok(program);
        assert.ok(program.owner.equals(BPF_LOADER_UPGRADEABLE_ID));
        const programData = programDataAddress(chain.programId);
        assert.ok(program.data.equals(encodeProgramAccount(programData)));
        const state = await chain.getAccount(programData);
        assert.ok(state);
        assert.ok(state.owner.equals(BPF_LOADER_UPGRADEABLE_ID));
        assert.ok(decodeProgramDataAccount(state.data).upgradeAuthority, "the program is upgradeable");
      });

      it("lists the program's accounts, with their Anchor discriminator", async function () {
        if (!(await programDeployed())) this.skip();
        const agents = [];
        let lastSlot = 0;
        for (let i = 0; i < 2; i++) {
          const wallet = Keypair.generate();
          const { ix, agent } = await registerAgentIx(chain.programId, payer.publicKey, wallet.publicKey);
          lastSlot = (await sendOk(chain, [ix], [payer, wallet])).slot;
          agents.push({ wallet: wallet.publicKey, agent });
        }

        const { slot, accounts } = await chain.getProgramAccounts(chain.programId);

        assert.ok(slot >= lastSlot);
        const program = escrowProgram(chain.programId);
        for (const { wallet, agent } of agents) {
          const found = accounts.find((a) => a.address.equals(agent));
          assert.ok(found, `agent ${agent.toBase58()} listed`);
          assert.ok(found.owner.equals(chain.programId));
          assert.deepEqual(found.data.subarray(0, 8), anchorAccountDiscriminator("Agent"));
          const decoded = decodeAccount<{ wallet: PublicKey }>(program, "agent", found.data);
          assert.ok(decoded.wallet.equals(wallet));
        }
      });
    });

    describe("history", () => {
      it("returns an address's signatures newest first, paginated by before, until and limit", async () => {
        const to = Keypair.generate().publicKey;
        const sigs: string[] = [];
        for (let i = 0; i < 5; i++) {
          sigs.push((await sendOk(chain, [transferIx(payer.publicKey, to, 1_000_000 + i)], [payer])).signature);
        }
        const [s0, s1, s2, s3, s4] = sigs as [string, string, string, string, string];
        const page = async (o?: { before?: string; until?: string; limit?: number }) =>
          (await chain.getSignaturesForAddress(to, o)).map((s) => s.signature);

        const all = await chain.getSignaturesForAddress(to);
        assert.deepEqual(
          all.map((s) => s.signature),
          [s4, s3, s2, s1, s0],
        );
        for (let i = 1; i < all.length; i++) assert.ok(all[i - 1]!.slot > all[i]!.slot, "slots strictly decrease");
        assert.ok(all.every((s) => s.err === null && typeof s.blockTime === "number"));
        assert.deepEqual(await page({ limit: 2 }), [s4, s3]);
        assert.deepEqual(await page({ before: s3, limit: 2 }), [s2, s1]);
        assert.deepEqual(await page({ until: s1 }), [s4, s3, s2]);
        assert.deepEqual(await page({ before: s3, until: s0 }), [s2, s1]);
        assert.deepEqual(await page({ before: s0 }), []);
      });

      it("returns a transaction with its logs, compute units and account keys", async function () {
        if (!(await programDeployed())) this.skip();
        const wallet = Keypair.generate();
        const { ix, agent } = await registerAgentIx(chain.programId, payer.publicKey, wallet.publicKey);
        const outcome = await sendOk(chain, [ix], [payer, wallet]);

        const record = await chain.getTransaction(outcome.signature);

        assert.ok(record);
        assert.equal(record.signature, outcome.signature);
        assert.equal(record.slot, outcome.slot);
        assert.equal(record.err, null);
        assert.deepEqual(record.logs, outcome.logs);
        assert.ok(record.logs.includes(`Program ${chain.programId.toBase58()} invoke [1]`));
        assert.ok(
          record.logs.some((l) => l.startsWith("Program data: ")),
          "the program emitted an event",
        );
        assert.equal(record.computeUnits, outcome.computeUnits);
        assert.ok(record.computeUnits > 0);
        assert.ok(record.accountKeys[0]?.equals(payer.publicKey), "fee payer first");
        for (const key of [wallet.publicKey, agent, chain.programId]) {
          assert.ok(
            record.accountKeys.some((k) => k.equals(key)),
            `${key.toBase58()} in account keys`,
          );
        }
        assert.equal(typeof record.blockTime, "number");

        const status = await chain.getSignatureStatus(outcome.signature);
        assert.equal(status?.slot, outcome.slot);
        assert.equal(status?.err, null);
        assert.ok(status?.confirmationStatus === "confirmed" || status?.confirmationStatus === "finalized");
      });

      it("knows nothing of a signature that never landed", async () => {
        const tx = await signed(chain, [transferIx(payer.publicKey, Keypair.generate().publicKey, 1n)], [payer]);
        const never = transactionSignature(tx);

        assert.equal(await chain.getTransaction(never), null);
        assert.equal(await chain.getSignatureStatus(never), null);
      });
    });

    describe("failures", () => {
      it("records a failed program instruction with its error, custom code and logs", async () => {
        const before = await lamportsOf(chain, payer.publicKey);

        const outcome = await send(chain, [bogusProgramIx(chain.programId)], [payer]);

        assert.ok(outcome.errorCode !== undefined && outcome.errorCode >= 6000, `custom code ${outcome.errorCode}`);
        assert.equal(outcome.err, JSON.stringify({ InstructionError: [0, { Custom: outcome.errorCode }] }));
        assert.ok(outcome.logs.some((l) => l.includes("custom program error")));
        const record = await chain.getTransaction(outcome.signature);
        assert.equal(record?.err, outcome.err);
        assert.deepEqual(record?.logs, outcome.logs);
        assert.equal((await chain.getSignatureStatus(outcome.signature))?.err, outcome.err);
        const [latest] = await chain.getSignaturesForAddress(payer.publicKey, { limit: 1 });
        if (!h.remote) {
          assert.equal(latest?.signature, outcome.signature);
          assert.equal(latest?.err, outcome.err);
          assert.equal(await lamportsOf(chain, payer.publicKey), before - FEE, "a landed failure still pays its fee");
        }
      });

      it("records a failed transfer: the sender pays only the fee", async () => {
        const poor = Keypair.generate();
        await sendOk(chain, [transferIx(payer.publicKey, poor.publicKey, 2_000_000n)], [payer]);

        const outcome = await send(chain, [transferIx(poor.publicKey, payer.publicKey, SOL)], [poor]);

        assert.equal(outcome.err, JSON.stringify({ InstructionError: [0, { Custom: 1 }] }));
        assert.equal(outcome.errorCode, 1);
        assert.equal(await lamportsOf(chain, poor.publicKey), 2_000_000n - FEE);
        assert.equal((await chain.getTransaction(outcome.signature))?.err, outcome.err);
      });

      it("refuses a transaction whose blockhash expired, so it can be rebuilt and re-signed", async function () {
        if (!h.skipSlots) this.skip();
        const to = Keypair.generate().publicKey;
        const tx = await signed(chain, [transferIx(payer.publicKey, to, 1_000_000n)], [payer]);
        await h.skipSlots(151);

        await assert.rejects(chain.sendTransaction(tx), BlockhashExpiredError);

        assert.equal(await chain.getAccount(to), null);
        assert.equal(await chain.getSignatureStatus(transactionSignature(tx)), null);
      });
    });

    describe("subscriptions", () => {
      it("streams the program's account changes and logs, in slot order, until unsubscribed", async function () {
        if (!(await programDeployed())) this.skip();
        const changes: AccountChange[] = [];
        const logs: LogsNotification[] = [];
        const stop = chain.subscribe({ onAccountChange: (c) => changes.push(c), onLogs: (l) => logs.push(l) });
        await h.subscribed?.();

        const sent: { agent: PublicKey; wallet: PublicKey; signature: string; slot: number }[] = [];
        for (let i = 0; i < 3; i++) {
          const wallet = Keypair.generate();
          const { ix, agent } = await registerAgentIx(chain.programId, payer.publicKey, wallet.publicKey);
          const o = await sendOk(chain, [ix], [payer, wallet]);
          sent.push({ agent, wallet: wallet.publicKey, signature: o.signature, slot: o.slot });
        }
        const ours = () => changes.filter((c) => sent.some((s) => s.agent.equals(c.address)));
        const ourLogs = () => logs.filter((l) => sent.some((s) => s.signature === l.signature));
        await waitFor(() => ours().length >= 3 && ourLogs().length >= 3, "notifications");

        const program = escrowProgram(chain.programId);
        assert.deepEqual(
          ours().map((c) => c.address.toBase58()),
          sent.map((s) => s.agent.toBase58()),
        );
        assert.deepEqual(
          ours().map((c) => c.slot),
          sent.map((s) => s.slot),
        );
        for (const [i, c] of ours().entries()) {
          assert.ok(c.account?.owner.equals(chain.programId));
          const decoded = decodeAccount<{ wallet: PublicKey }>(program, "agent", c.account!.data);
          assert.ok(decoded.wallet.equals(sent[i]!.wallet));
        }
        assert.deepEqual(
          ourLogs().map((l) => [l.signature, l.slot, l.err]),
          sent.map((s) => [s.signature, s.slot, null]),
        );
        assert.ok(ourLogs().every((l) => l.logs.some((line) => line.startsWith("Program data: "))));
        for (let i = 1; i < changes.length; i++) assert.ok(changes[i - 1]!.slot <= changes[i]!.slot);

        stop();
        const seen = changes.length + logs.length;
        const wallet = Keypair.generate();
        await sendOk(
          chain,
          [(await registerAgentIx(chain.programId, payer.publicKey, wallet.publicKey)).ix],
          [payer, wallet],
        );
        await new Promise((r) => setTimeout(r, 50));
        assert.equal(changes.length + logs.length, seen, "nothing after unsubscribe");
      });

      it("streams failed program transactions' logs with their error", async function () {
        if (!(await programDeployed())) this.skip();
        const logs: LogsNotification[] = [];
        const stop = chain.subscribe({ onLogs: (l) => logs.push(l) });
        await h.subscribed?.();

        const outcome = await send(chain, [bogusProgramIx(chain.programId)], [payer]);
        await waitFor(() => logs.some((l) => l.signature === outcome.signature), "logs");
        stop();

        const got = logs.find((l) => l.signature === outcome.signature)!;
        assert.equal(got.err, outcome.err);
        assert.deepEqual(got.logs, outcome.logs);
      });
    });

    describe("clock", () => {
      it("reports the Clock sysvar's time, which stamps the next transaction", async () => {
        const now = BigInt(Math.floor(Date.now() / 1000));
        const t = await chain.unixTime();
        assert.ok(t > now - 600n && t < now + 600n, `clock ${t} near wall time ${now}`);

        const o = await sendOk(chain, [transferIx(payer.publicKey, Keypair.generate().publicKey, 1_000_000n)], [payer]);
        const record = await chain.getTransaction(o.signature);
        assert.ok(record?.blockTime !== null && Math.abs(record!.blockTime! - Number(t)) < 600);
      });

      it("moves to a warped time, persistently for later transactions", async function () {
        if (!h.warpTo) this.skip();
        const target = (await chain.unixTime()) + 86_400n;

        await h.warpTo(target);

        assert.ok((await chain.unixTime()) >= target);
        const o = await sendOk(chain, [transferIx(payer.publicKey, Keypair.generate().publicKey, 1_000_000n)], [payer]);
        assert.ok(BigInt((await chain.getTransaction(o.signature))!.blockTime!) >= target);
      });
    });

    describeTokenTransfersContract(factory);

    describe("restart", () => {
      it("keeps every account, the whole history, the slot and the clock across a restart", async function () {
        if (!h.restart) this.skip();
        const mint = Keypair.generate();
        const alice = Keypair.generate();
        const wallets = [Keypair.generate(), Keypair.generate()];
        const a = ataIx(payer.publicKey, mint.publicKey, alice.publicKey);
        await sendOk(chain, createMintIxs(payer.publicKey, mint.publicKey, payer.publicKey), [payer, mint]);
        await sendOk(chain, [a.ix, mintToIx(mint.publicKey, a.ata, payer.publicKey, 42_000_000n)], [payer]);
        await sendOk(chain, [transferIx(payer.publicKey, alice.publicKey, SOL)], [payer]);
        const agents: PublicKey[] = [];
        for (const w of wallets) {
          const { ix, agent } = await registerAgentIx(chain.programId, payer.publicKey, w.publicKey);
          await sendOk(chain, [ix], [payer, w]);
          agents.push(agent);
        }
        const failed = await send(chain, [bogusProgramIx(chain.programId)], [payer]);
        await h.warpTo?.((await chain.unixTime()) + 3_600n);
        const addresses = [payer.publicKey, alice.publicKey, mint.publicKey, a.ata, ...agents];
        const capture = async (c: Chain) => ({
          accounts: (await c.getMultipleAccounts(addresses)).map(comparable),
          program: (await c.getProgramAccounts(c.programId)).accounts.map(comparable).sort(byAddress),
          history: await c.getSignaturesForAddress(payer.publicKey),
          failed: await c.getTransaction(failed.signature),
          slot: await c.getSlot(),
          time: await c.unixTime(),
        });
        const before = await capture(chain);

        chain = await h.restart();
        const after = await capture(chain);

        assert.deepEqual(after, before);
        assert.equal(await tokenAmount(chain, a.ata), 42_000_000n);
        const next = await sendOk(chain, [transferIx(payer.publicKey, alice.publicKey, 1n)], [payer]);
        assert.ok(next.slot > before.slot, "slots keep increasing after a restart");
      });
    });
  });
}

/** Accounts compared by value (PublicKey and Buffer instances differ across reads). */
const comparable = (a: ChainAccount | null) =>
  a && {
    address: a.address.toBase58(),
    lamports: a.lamports,
    owner: a.owner.toBase58(),
    data: a.data.toString("base64"),
    executable: a.executable,
  };

const byAddress = (x: { address: string } | null, y: { address: string } | null) =>
  (x?.address ?? "").localeCompare(y?.address ?? "");
