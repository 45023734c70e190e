import assert from "node:assert/strict";
import { Keypair, PublicKey, Transaction, TransactionInstruction } from "@solana/web3.js";
import { ed25519Sign } from "../../src/tx/ed25519.js";
import { compileLegacyMessage, shortVec, signedWire } from "../../src/tx/legacy-message.js";
import { serializeInstruction } from "../../src/tx/serialized-instruction.js";

/** A deterministic pseudo-random source, so a failing case can be replayed. */
function prng(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
}

describe("outbox: the legacy message compiler", () => {
  it("compiles byte for byte what web3.js compiles, over random instruction sets", () => {
    const random = prng(42);
    const pool = Array.from({ length: 12 }, () => Keypair.generate());
    const programs = Array.from({ length: 3 }, () => Keypair.generate().publicKey);
    const blockhash = new PublicKey(Buffer.alloc(32, 9)).toBase58();
    for (let round = 0; round < 300; round++) {
      const payer = pool[Math.floor(random() * pool.length)]!;
      const instructions = Array.from(
        { length: 1 + Math.floor(random() * 4) },
        () =>
          new TransactionInstruction({
            // A program may also appear as an account, and an account twice in one instruction.
            programId: programs[Math.floor(random() * programs.length)]!,
            keys: Array.from({ length: Math.floor(random() * 7) }, () => ({
              pubkey:
                random() < 0.1
                  ? programs[Math.floor(random() * programs.length)]!
                  : pool[Math.floor(random() * pool.length)]!.publicKey,
              isSigner: random() < 0.3,
              isWritable: random() < 0.5,
            })),
            data: Buffer.from(Array.from({ length: Math.floor(random() * 200) }, () => Math.floor(random() * 256))),
          }),
      );
      const web3 = new Transaction({ feePayer: payer.publicKey, blockhash, lastValidBlockHeight: 1 }).add(
        ...instructions,
      );
      const expected = web3.compileMessage();
      const ours = compileLegacyMessage(payer.publicKey.toBase58(), blockhash, instructions.map(serializeInstruction));
      assert.deepEqual(ours.bytes, expected.serialize(), `round ${round}`);
      assert.deepEqual(
        ours.signers,
        expected.accountKeys.slice(0, expected.header.numRequiredSignatures).map((k) => k.toBase58()),
      );
    }
  });

  it("signs into the same wire bytes and transaction id as web3.js's Transaction.sign", () => {
    const payer = Keypair.generate();
    const wallet = Keypair.generate();
    const blockhash = new PublicKey(Buffer.alloc(32, 3)).toBase58();
    const ix = new TransactionInstruction({
      programId: Keypair.generate().publicKey,
      keys: [
        { pubkey: wallet.publicKey, isSigner: true, isWritable: true },
        { pubkey: payer.publicKey, isSigner: false, isWritable: false },
      ],
      data: Buffer.from("job"),
    });
    const web3 = new Transaction({ feePayer: payer.publicKey, blockhash, lastValidBlockHeight: 1 }).add(ix);
    web3.sign(payer, wallet);
    const message = compileLegacyMessage(payer.publicKey.toBase58(), blockhash, [serializeInstruction(ix)]);
    const keys = new Map([payer, wallet].map((k) => [k.publicKey.toBase58(), k]));
    const wire = signedWire(
      message,
      message.signers.map((s) => ed25519Sign(keys.get(s)!, message.bytes)),
    );
    assert.deepEqual(wire, web3.serialize());
    // The stored JSON form, as jsonb gives it back (keys in another order), compiles the same.
    const stored = JSON.parse(JSON.stringify(serializeInstruction(ix)), (_, v) =>
      v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
    );
    const again = compileLegacyMessage(payer.publicKey.toBase58(), blockhash, [stored]);
    assert.deepEqual(again.bytes, message.bytes);
  });

  it("writes lengths as compact-u16", () => {
    assert.deepEqual(shortVec(0), [0]);
    assert.deepEqual(shortVec(0x7f), [0x7f]);
    assert.deepEqual(shortVec(0x80), [0x80, 0x01]);
    assert.deepEqual(shortVec(300), [0xac, 0x02]);
    assert.deepEqual(shortVec(0xffff), [0xff, 0xff, 0x03]);
  });
});
