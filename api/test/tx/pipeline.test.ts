import assert from "node:assert/strict";
import { freshDatabase, type LocalAgent, LocalPlatform, type TestDatabase } from "@justpay/indexer/testing";
import { getAssociatedTokenAddressSync } from "@solana/spl-token";
import { Keypair, type TransactionInstruction } from "@solana/web3.js";
import BN from "bn.js";
import { IdempotencyConflictError, TxProgramError, TxVoidedError } from "../../src/tx/errors.js";
import { IntentStore } from "../../src/tx/intent-store.js";
import { type PipelineHooks, type SignerResolver, TxPipeline } from "../../src/tx/pipeline.js";
import { requiredSigners, serializeInstruction } from "../../src/tx/serialized-instruction.js";

/** Thrown from a hook to stop the pipeline where a process could die. */
class Crash extends Error {}

describe("transaction pipeline (outbox on Postgres, LocalChain)", function () {
  this.timeout(30_000);
  let p: LocalPlatform;
  let db: TestDatabase;
  let store: IntentStore;
  let agent: LocalAgent;
  const keys = new Map<string, Keypair>();
  const signers: SignerResolver = async (pubkey) => keys.get(pubkey);

  const pipeline = (hooks: PipelineHooks = {}) =>
    new TxPipeline({ chain: p.chain, store, feePayer: p.chain.feePayer, signers, hooks, leaseMs: 200 });
  const waitForLeases = () => new Promise((r) => setTimeout(r, 250));

  const registerIx = (a: LocalAgent) =>
    p.program.methods
      .registerAgent()
      .accountsPartial({ payer: p.chain.feePayer.publicKey, wallet: a.wallet.publicKey, agent: a.ledger })
      .instruction();
  const depositIx = (a: LocalAgent, amount: number) =>
    p.program.methods
      .deposit(new BN(amount), a.personal.publicKey)
      .accountsPartial({
        wallet: a.wallet.publicKey,
        operator: p.operator.publicKey,
        agent: a.ledger,
        config: p.config,
        source: getAssociatedTokenAddressSync(p.chain.usdcMint, a.wallet.publicKey),
        vault: p.vault,
      })
      .instruction();
  const available = async (a: LocalAgent) => {
    const acc = await p.chain.getAccount(a.ledger);
    return acc ? BigInt(p.program.coder.accounts.decode("agent", acc.data).available.toString()) : 0n;
  };
  const intent = async (key: string) => (await store.get(key))!;
  /** An intent written unsigned, as a missing signer key or an earlier version left it; its lease already lapsed. */
  const writePending = (key: string, ix: TransactionInstruction) =>
    store.write(
      {
        key,
        label: "deposit",
        instructions: [serializeInstruction(ix)],
        signers: requiredSigners([ix], p.chain.feePayer.publicKey),
      },
      0,
    );

  beforeEach(async () => {
    p = await LocalPlatform.open();
    await p.initialize();
    db = await freshDatabase("txpipeline");
    store = new IntentStore(db.db.em.getConnection().getKnex(), `"${db.schema}".tx_intents`);
    agent = p.newAgent();
    keys.set(agent.wallet.publicKey.toBase58(), agent.wallet);
    keys.set(p.operator.publicKey.toBase58(), p.operator);
    await pipeline().execute(`register:${agent.wallet.publicKey.toBase58()}`, "register_agent", [
      await registerIx(agent),
    ]);
    await p.chain.mintUsdc(agent.wallet.publicKey, 10_000_000n);
  });
  afterEach(async () => {
    await db.drop();
    await p.close();
  });

  it("executes, records the signature and slot, and returns the same outcome for a repeated key", async () => {
    const ix = await depositIx(agent, 3_000_000);
    const first = await pipeline().execute("deposit-1", "deposit", [ix]);
    const again = await pipeline().execute("deposit-1", "deposit", [ix]);
    assert.deepEqual(again, first);
    assert.equal(await available(agent), 2_000_000n); // 3 USDC minus the 1 USDC activation fee, once
    const row = await intent("deposit-1");
    assert.equal(row.status, "confirmed");
    assert.equal(row.signature, first.signature);
    assert.equal(Number(row.slot), first.slot);
    assert.equal((await p.chain.getSignatureStatus(first.signature))?.err, null);
  });

  it("executes equal instructions under two keys as two transactions", async () => {
    // Given two intents whose instructions are byte for byte the same (two equal deposits)
    const ix = await depositIx(agent, 1_000_000);
    // When both run, against the same blockhash
    const [first, second] = await Promise.all([
      pipeline().execute("deposit-twin-1", "deposit", [ix]),
      pipeline().execute("deposit-twin-2", "deposit", [ix]),
    ]);
    // Then each is its own transaction (the memo names the key), and both credited
    assert.notEqual(first.signature, second.signature);
    assert.equal(await available(agent), 1_000_000n);
  });

  it("settles intents that land together in one statement, each with its own outcome", async () => {
    // Given the settling statements counted
    const knex = db.db.em.getConnection().getKnex();
    let settleStatements = 0;
    const count = (q: { sql: string }) => {
      if (/^update \S*tx_intents"? t set status = x\.status/.test(q.sql)) settleStatements++;
    };
    knex.on("query", count);
    try {
      // When six deposits run at once, and a refused one among them
      const stranger = Keypair.generate();
      keys.set(stranger.publicKey.toBase58(), stranger);
      const refused = await depositIx(agent, 1_000_000);
      refused.keys[1]!.pubkey = stranger.publicKey;
      const deposits = await Promise.all([1, 2, 3, 4, 5, 6].map(() => depositIx(agent, 1_000_000)));
      const outcomes = await Promise.allSettled([
        ...deposits.map((ix, i) => pipeline().execute(`deposit-together-${i}`, "deposit", [ix])),
        pipeline().execute("deposit-refused", "deposit", [refused]),
      ]);
      // Then each deposit is confirmed with its own signature and slot, the refusal failed
      for (const [i, outcome] of outcomes.slice(0, 6).entries()) {
        assert.equal(outcome.status, "fulfilled");
        const row = await intent(`deposit-together-${i}`);
        assert.equal(row.status, "confirmed");
        assert.equal(row.signature, outcome.value.signature);
        assert.equal(Number(row.slot), outcome.value.slot);
        assert.equal(row.lease_until, null);
      }
      assert.equal(outcomes[6]!.status, "rejected");
      assert.equal((await intent("deposit-refused")).status, "failed");
      assert.equal((await intent("deposit-refused")).error_name, "Unauthorized");
      // And the money moved once per deposit: 10 USDC minted, 1 activation fee, 6 deposited
      assert.equal(await available(agent), 5_000_000n);
      // And seven outcomes took fewer than seven statements
      assert.ok(
        settleStatements >= 1 && settleStatements < 7,
        `${settleStatements} settling statements for 7 outcomes`,
      );
    } finally {
      knex.removeListener("query", count);
    }
  });

  it("refuses to reuse a key for different instructions", async () => {
    await pipeline().execute("deposit-1", "deposit", [await depositIx(agent, 3_000_000)]);
    await assert.rejects(
      pipeline().execute("deposit-1", "deposit", [await depositIx(agent, 4_000_000)]),
      IdempotencyConflictError,
    );
  });

  it("maps a program refusal to a typed error with the IDL name and code, and records it", async () => {
    const stranger = Keypair.generate();
    keys.set(stranger.publicKey.toBase58(), stranger);
    const ix = await depositIx(agent, 3_000_000);
    ix.keys[1]!.pubkey = stranger.publicKey; // not the operator
    await assert.rejects(pipeline().execute("bad-deposit", "deposit", [ix]), (e: unknown) => {
      assert.ok(e instanceof TxProgramError);
      assert.equal(e.errorName, "Unauthorized");
      assert.equal(e.code, 6008);
      return true;
    });
    const row = await intent("bad-deposit");
    assert.equal(row.status, "failed");
    assert.equal(row.error_code, 6008);
    assert.equal(await available(agent), 0n);
  });

  it("a fresh intent is leased to its writer by the insert itself, so a recovery pass cannot take it", async () => {
    // Given an intent just written, before its writer has done anything else
    const ix = await depositIx(agent, 3_000_000);
    const { row, leased } = await store.write(
      { key: "deposit-race-1", label: "deposit", instructions: [serializeInstruction(ix)], signers: [] },
      60_000,
    );
    // Then the writer holds it: recovery neither lists nor leases it
    assert.equal(leased, true);
    assert.ok(row.lease_until, "the insert sets the lease");
    assert.deepEqual(
      (await store.unsettled()).map((r) => r.key),
      [],
    );
    assert.equal(await store.lease("deposit-race-1", 60_000), undefined);
    // And writing the same key again does not hand out a second lease
    assert.equal(
      (await store.write({ key: "deposit-race-1", label: "deposit", instructions: [], signers: [] }, 60_000)).leased,
      false,
    );
  });

  it("writes the intent already signed: a crash right after the write leaves bytes on record, sent once by recovery", async () => {
    const ix = await depositIx(agent, 3_000_000);
    await assert.rejects(
      pipeline({
        afterIntentWritten: () => {
          throw new Crash();
        },
      }).execute("deposit-crash-1", "deposit", [ix]),
      Crash,
    );
    const written = await intent("deposit-crash-1");
    assert.equal(written.status, "signed", "the insert stores the signed bytes");
    assert.ok(written.signature && written.tx_bytes);
    assert.equal(written.attempts, 1);
    assert.equal(await available(agent), 0n, "nothing reaches the chain before the bytes are on record");
    await waitForLeases();
    const report = await pipeline().recover();
    assert.deepEqual(report.confirmed, ["deposit-crash-1"]);
    assert.equal((await intent("deposit-crash-1")).signature, written.signature, "the stored bytes were sent");
    assert.equal(await available(agent), 2_000_000n);
    assert.deepEqual(await pipeline().recover(), { confirmed: [], failed: [], voided: [], skipped: [] });
    assert.equal(await available(agent), 2_000_000n);
  });

  it("an intent left pending (written unsigned) is signed and sent by recovery exactly once", async () => {
    const ix = await depositIx(agent, 3_000_000);
    await writePending("deposit-pending", ix);
    await waitForLeases();
    const report = await pipeline().recover();
    assert.deepEqual(report.confirmed, ["deposit-pending"]);
    assert.equal((await intent("deposit-pending")).attempts, 1);
    assert.equal(await available(agent), 2_000_000n);
    assert.deepEqual(await pipeline().recover(), { confirmed: [], failed: [], voided: [], skipped: [] });
    assert.equal(await available(agent), 2_000_000n);
  });

  it("crash after signing, before the broadcast: recovery sends the stored bytes once", async () => {
    const ix = await depositIx(agent, 3_000_000);
    let signed = "";
    await assert.rejects(
      pipeline({
        afterSigned: (_k, sig) => {
          signed = sig;
          throw new Crash();
        },
      }).execute("deposit-crash-2", "deposit", [ix]),
      Crash,
    );
    assert.equal((await intent("deposit-crash-2")).status, "signed");
    assert.equal(await p.chain.getSignatureStatus(signed), null);
    await waitForLeases();
    await pipeline().recover();
    const row = await intent("deposit-crash-2");
    assert.equal(row.status, "confirmed");
    assert.equal(row.signature, signed, "the stored transaction, not a new one, was sent");
    assert.equal(await available(agent), 2_000_000n);
  });

  it("crash after the broadcast, before confirmation is recorded: recovery finds it landed and does not resend", async () => {
    const ix = await depositIx(agent, 3_000_000);
    await assert.rejects(
      pipeline({
        afterSent: () => {
          throw new Crash();
        },
      }).execute("deposit-crash-3", "deposit", [ix]),
      Crash,
    );
    assert.equal((await intent("deposit-crash-3")).status, "signed");
    assert.equal(await available(agent), 2_000_000n);
    await waitForLeases();
    const report = await pipeline().recover();
    assert.deepEqual(report.confirmed, ["deposit-crash-3"]);
    assert.equal((await intent("deposit-crash-3")).attempts, 1, "signed exactly once");
    assert.equal(await available(agent), 2_000_000n, "executed exactly once");
    const history = await p.chain.getSignaturesForAddress(agent.ledger);
    assert.equal(history.filter((h) => h.err === null).length, 2, "register + one deposit");
  });

  it("re-signs only when the stored transaction's blockhash expired, and still executes once", async () => {
    const ix = await depositIx(agent, 3_000_000);
    let first = "";
    await assert.rejects(
      pipeline({
        afterSigned: (_k, sig) => {
          first = sig;
          throw new Crash();
        },
      }).execute("deposit-expired", "deposit", [ix]),
      Crash,
    );
    await p.chain.skipSlots(200); // past the 150-block validity of the stored blockhash
    await waitForLeases();
    const report = await pipeline().recover();
    assert.deepEqual(report.confirmed, ["deposit-expired"]);
    const row = await intent("deposit-expired");
    assert.notEqual(row.signature, first, "a fresh transaction replaced the expired one");
    assert.equal(row.attempts, 2);
    assert.equal(await p.chain.getSignatureStatus(first), null, "the expired transaction never landed");
    assert.equal(await available(agent), 2_000_000n);
  });

  it("voids stale intents that can no longer land (never signed, or expired unsent), and intents whose signer is unknown", async () => {
    await writePending("stale-pending", await depositIx(agent, 3_000_000));
    let unsent = "";
    await assert.rejects(
      pipeline({
        afterSigned: (_k, sig) => {
          unsent = sig;
          throw new Crash();
        },
      }).execute("stale-signed", "deposit", [await depositIx(agent, 3_000_000)]),
      Crash,
    );
    await p.chain.skipSlots(200); // the stored bytes' blockhash expires: they can never land
    await waitForLeases();
    const report = await pipeline().recover({ voidStaleAfterMs: 0 });
    assert.deepEqual(report.voided.sort(), ["stale-pending", "stale-signed"]);
    assert.equal((await intent("stale-pending")).status, "voided");
    assert.equal((await intent("stale-signed")).status, "voided");
    assert.equal(await p.chain.getSignatureStatus(unsent), null);
    await assert.rejects(
      pipeline().execute("stale-signed", "deposit", [await depositIx(agent, 3_000_000)]),
      TxVoidedError,
    );

    const unknown = p.newAgent();
    await assert.rejects(
      pipeline().execute("no-key", "register_agent", [await registerIx(unknown)]),
      (e: unknown) => e instanceof TxVoidedError && /no custodial key/.test(e.message),
    );
    assert.equal((await intent("no-key")).status, "voided");
    assert.equal(await available(agent), 0n);
  });

  it("a stale signed intent whose bytes may still land is sent, not voided", async () => {
    await assert.rejects(
      pipeline({
        afterIntentWritten: () => {
          throw new Crash();
        },
      }).execute("stale-but-valid", "deposit", [await depositIx(agent, 3_000_000)]),
      Crash,
    );
    await waitForLeases();
    const report = await pipeline().recover({ voidStaleAfterMs: 0 });
    assert.deepEqual(report.confirmed, ["stale-but-valid"]);
    assert.equal(await available(agent), 2_000_000n);
  });
});
