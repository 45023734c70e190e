import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { getBase58Decoder } from "@solana/kit";
import {
  AddressLookupTableAccount,
  ComputeBudgetProgram,
  Keypair,
  PublicKey,
  SystemProgram,
  Transaction,
  TransactionMessage,
  VersionedTransaction,
} from "@solana/web3.js";
import { encodeBase58 } from "../../src/chain/base58.js";
import {
  computeBudget,
  transactionFee,
  wireComputeBudget,
  wireTransactionFee,
} from "../../src/chain/compute-budget.js";
import { TransactionRejectedError } from "../../src/chain/errors.js";
import { signedWire, transactionSignature } from "../../src/chain/wire.js";
import { decodeWireTransaction, isWritableIndex } from "../../src/chain/wire-transaction.js";

const blockhash = Keypair.generate().publicKey.toBase58();
const payer = Keypair.generate();
const cosigner = Keypair.generate();
const keys = Array.from({ length: 4 }, () => Keypair.generate().publicKey);
const table = new AddressLookupTableAccount({
  key: Keypair.generate().publicKey,
  state: { deactivationSlot: 2n ** 64n - 1n, lastExtendedSlot: 0, lastExtendedSlotStartIndex: 0, addresses: keys },
});

const instructions = () => [
  ComputeBudgetProgram.setComputeUnitLimit({ units: 30_000 }),
  ComputeBudgetProgram.setComputeUnitPrice({ microLamports: 4_321 }),
  SystemProgram.transfer({ fromPubkey: payer.publicKey, toPubkey: keys[0]!, lamports: 5n }),
  SystemProgram.transfer({ fromPubkey: cosigner.publicKey, toPubkey: keys[1]!, lamports: 5n }),
  SystemProgram.allocate({ accountPubkey: cosigner.publicKey, space: 0 }),
  {
    programId: SystemProgram.programId,
    keys: [{ pubkey: keys[2]!, isSigner: false, isWritable: false }],
    data: Buffer.alloc(300, 7),
  },
];

function legacyTx(): Transaction {
  const tx = new Transaction({ feePayer: payer.publicKey, recentBlockhash: blockhash }).add(...instructions());
  tx.sign(payer, cosigner);
  return tx;
}

function v0Tx(): VersionedTransaction {
  const message = new TransactionMessage({
    payerKey: payer.publicKey,
    recentBlockhash: blockhash,
    instructions: instructions(),
  }).compileToV0Message([table]);
  const tx = new VersionedTransaction(message);
  tx.sign([payer, cosigner]);
  return tx;
}

/** What web3.js reads from the same bytes, in the decoder's terms. */
function web3View(wire: Uint8Array) {
  const { message, signatures } = VersionedTransaction.deserialize(wire);
  const statics = message.staticAccountKeys.length;
  const loaded = message.addressTableLookups.reduce(
    (n, l) => n + l.writableIndexes.length + l.readonlyIndexes.length,
    0,
  );
  return {
    signatures: signatures.map((s) => Buffer.from(s).toString("hex")),
    version: message.version,
    header: message.header,
    staticKeys: message.staticAccountKeys.map((k) => k.toBase58()),
    recentBlockhash: message.recentBlockhash,
    instructions: message.compiledInstructions.map((ix) => ({
      programIdIndex: ix.programIdIndex,
      accountIndexes: [...ix.accountKeyIndexes],
      data: Buffer.from(ix.data).toString("hex"),
    })),
    lookups: message.addressTableLookups.map((l) => ({
      tableKey: l.accountKey.toBase58(),
      writableIndexes: [...l.writableIndexes],
      readonlyIndexes: [...l.readonlyIndexes],
    })),
    writable: Array.from({ length: statics + loaded }, (_, i) => message.isAccountWritable(i)),
  };
}

function decodedView(wire: Uint8Array) {
  const tx = decodeWireTransaction(wire);
  const loaded = tx.lookups.reduce((n, l) => n + l.writableIndexes.length + l.readonlyIndexes.length, 0);
  return {
    signatures: tx.signatures.map((s) => Buffer.from(s).toString("hex")),
    version: tx.version,
    header: {
      numRequiredSignatures: tx.numRequiredSignatures,
      numReadonlySignedAccounts: tx.numReadonlySignedAccounts,
      numReadonlyUnsignedAccounts: tx.numReadonlyUnsignedAccounts,
    },
    staticKeys: tx.staticKeys.map((k) => new PublicKey(k).toBase58()),
    recentBlockhash: new PublicKey(tx.recentBlockhash).toBase58(),
    instructions: tx.instructions.map((ix) => ({
      programIdIndex: ix.programIdIndex,
      accountIndexes: [...ix.accountIndexes],
      data: Buffer.from(ix.data).toString("hex"),
    })),
    lookups: tx.lookups.map((l) => ({
      tableKey: new PublicKey(l.tableKey).toBase58(),
      writableIndexes: [...l.writableIndexes],
      readonlyIndexes: [...l.readonlyIndexes],
    })),
    writable: Array.from({ length: tx.staticKeys.length + loaded }, (_, i) => isWritableIndex(tx, i)),
  };
}

describe("wire transactions", () => {
  for (const [name, wire] of [
    ["legacy", () => legacyTx().serialize()],
    ["v0 with a lookup table", () => v0Tx().serialize()],
  ] as const) {
    it(`reads a ${name} transaction as web3.js does, its fee and compute budget included`, () => {
      const bytes = wire();
      if (name !== "legacy") assert.equal(decodeWireTransaction(bytes).lookups[0]?.readonlyIndexes.length, 1);
      assert.deepEqual(decodedView(bytes), web3View(bytes));
      const { message } = VersionedTransaction.deserialize(bytes);
      assert.deepEqual(wireComputeBudget(decodeWireTransaction(bytes)), computeBudget(message));
      assert.equal(wireTransactionFee(decodeWireTransaction(bytes)), transactionFee(message));
    });
  }

  it("ignores bytes after the message, as web3.js and the runtime do", () => {
    const bytes = legacyTx().serialize();
    const padded = Buffer.concat([bytes, Buffer.alloc(5)]);
    assert.deepEqual(decodedView(padded), web3View(bytes));
  });

  it("refuses bytes the runtime could not decode: cut short, lengths not minimally encoded, unknown versions", () => {
    for (const bytes of [legacyTx().serialize(), v0Tx().serialize()]) {
      for (let end = 0; end < bytes.length; end++) {
        // Cutting the data of the last instruction (or the lookups) always leaves a shortfall.
        assert.throws(() => decodeWireTransaction(bytes.subarray(0, end)), /cut short/, `cut at ${end}`);
      }
    }
    const legacy = Buffer.from(legacyTx().serialize());
    // The signature count (2) written as two bytes, 0x82 0x00: an alias of 2.
    const alias = Buffer.concat([Buffer.from([0x82, 0x00]), legacy.subarray(1)]);
    assert.throws(() => decodeWireTransaction(alias), /minimally encoded/);
    assert.throws(() => decodeWireTransaction(Buffer.from([0xff, 0xff, 0x7f])), /16 bits/);
    const v0 = Buffer.from(v0Tx().serialize());
    const messageStart = 1 + 2 * 64;
    v0[messageStart] = 0x81;
    assert.throws(() => decodeWireTransaction(v0), /version 1 is not supported/);
  });

  it("refuses a signature count that differs from the signatures the message requires", () => {
    const legacy = Buffer.from(legacyTx().serialize());
    const oneSignature = Buffer.concat([Buffer.from([1]), legacy.subarray(1, 65), legacy.subarray(129)]);
    assert.throws(() => decodeWireTransaction(oneSignature), /1 signatures for a message that requires 2/);
  });

  it("names signatures, keys and blockhashes in base58 as @solana/kit does, leading zeros included", () => {
    const kit = getBase58Decoder();
    const samples = [
      new Uint8Array(0),
      new Uint8Array(32),
      new Uint8Array([0, 0, 57, 58]),
      new Uint8Array(64).fill(255),
    ];
    for (let i = 0; i < 500; i++) {
      samples.push(Uint8Array.from({ length: i % 80 }, (_, j) => (j < i % 3 ? 0 : (i * 31 + j * 17) % 256)));
    }
    for (const bytes of samples)
      assert.equal(encodeBase58(bytes), kit.decode(bytes), Buffer.from(bytes).toString("hex"));
  });

  it("names random keys exactly as web3.js does, as the indexer's mirror stores them", () => {
    for (let i = 0; i < 2_000; i++) {
      const bytes = randomBytes(32);
      assert.equal(encodeBase58(bytes), new PublicKey(bytes).toBase58());
    }
  });

  describe("signedWire", () => {
    it("decodes wire bytes and a web3.js transaction alike, copying the caller's bytes", () => {
      const tx = legacyTx();
      const bytes = tx.serialize();
      const fromBytes = signedWire(bytes);
      const fromTx = signedWire(tx);
      assert.equal(fromBytes.signature, transactionSignature(tx));
      assert.equal(fromTx.signature, fromBytes.signature);
      assert.deepEqual(Buffer.from(fromTx.tx.bytes), Buffer.from(fromBytes.tx.bytes));
      bytes.fill(0);
      assert.equal(Buffer.from(fromBytes.tx.bytes).equals(tx.serialize()), true, "the caller's buffer is not kept");
    });

    it("refuses malformed bytes and missing signatures as a node refuses them", () => {
      const refusal = (bytes: Uint8Array) => {
        try {
          signedWire(bytes);
        } catch (e) {
          assert.ok(e instanceof TransactionRejectedError);
          return { signature: e.signature, reason: e.reason };
        }
        assert.fail("accepted");
      };
      assert.match(refusal(new Uint8Array([1, 2, 3])).reason, /^SanitizeFailure: the transaction is cut short/);

      const tx = legacyTx();
      const bytes = Buffer.from(tx.serialize());
      bytes.fill(0, 65, 129);
      assert.deepEqual(refusal(bytes), {
        signature: transactionSignature(tx),
        reason: `MissingSignature: ${cosigner.publicKey.toBase58()} did not sign`,
      });
      bytes.fill(0, 1, 65);
      assert.deepEqual(refusal(bytes), {
        signature: "",
        reason: `MissingSignature: ${payer.publicKey.toBase58()} did not sign`,
      });
    });
  });
});
