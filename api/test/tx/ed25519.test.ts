import assert from "node:assert/strict";
import { Keypair, PublicKey, SystemProgram, Transaction, VersionedTransaction } from "@solana/web3.js";
import { ed25519Sign } from "../../src/tx/ed25519.js";

describe("outbox: ed25519 signing through node:crypto", () => {
  it("signs exactly as web3.js does, so wire bytes and the transaction id are unchanged", () => {
    // Given a two-signer transaction as the outbox builds one
    const payer = Keypair.generate();
    const wallet = Keypair.generate();
    const blockhash = new PublicKey(Buffer.alloc(32, 7)).toBase58();
    const build = () =>
      new Transaction({ feePayer: payer.publicKey, blockhash, lastValidBlockHeight: 1 }).add(
        SystemProgram.transfer({ fromPubkey: wallet.publicKey, toPubkey: payer.publicKey, lamports: 5 }),
      );
    // When web3.js signs one copy and node:crypto the compiled message of another
    const web3 = build();
    web3.sign(payer, wallet);
    const message = build().compileMessage();
    const ours = new VersionedTransaction(message);
    for (const k of [payer, wallet]) ours.addSignature(k.publicKey, ed25519Sign(k, message.serialize()));
    // Then both are the same bytes, signatures included
    assert.deepEqual(Buffer.from(ours.serialize()), web3.serialize());
    assert.deepEqual(Buffer.from(ours.signatures[0]!), web3.signature);
  });
});
