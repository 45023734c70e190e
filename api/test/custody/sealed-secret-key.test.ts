import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { Keypair } from "@solana/web3.js";
import { openSecretKey, SealedKeyError, sealSecretKey } from "../../src/custody/sealed-secret-key.js";

describe("custody: sealed secret keys (AES-256-GCM, bound to the wallet)", () => {
  const masterKey = randomBytes(32);
  const wallet = Keypair.generate();
  const address = wallet.publicKey.toBase58();

  it("open back to the same keypair, from bytes or from base64", () => {
    // Given a sealed keypair
    const sealed = sealSecretKey(wallet, masterKey);
    // When it is opened as bytes and as base64
    const fromBytes = openSecretKey(sealed, masterKey, address);
    const fromText = openSecretKey(sealed.toString("base64"), masterKey, address);
    // Then both give the original secret key
    assert.deepEqual(fromBytes.secretKey, wallet.secretKey);
    assert.deepEqual(fromText.secretKey, wallet.secretKey);
  });

  it("describe themselves: version 1, then a 12-byte nonce, a 16-byte tag and 64 bytes of ciphertext", () => {
    const sealed = sealSecretKey(wallet, masterKey);
    assert.equal(sealed[0], 1);
    assert.equal(sealed.length, 1 + 12 + 16 + 64);
    // A fresh nonce each time: sealing twice never gives the same bytes
    assert.notDeepEqual(sealSecretKey(wallet, masterKey), sealed);
    assert.ok(!sealed.includes(Buffer.from(wallet.secretKey.subarray(0, 16))), "no plaintext in the sealed bytes");
  });

  it("do not open under another master key", () => {
    const sealed = sealSecretKey(wallet, masterKey);
    assert.throws(() => openSecretKey(sealed, randomBytes(32), address), SealedKeyError);
  });

  it("do not open when any byte of nonce, tag or ciphertext is altered", () => {
    const sealed = sealSecretKey(wallet, masterKey);
    for (const at of [1, 13, 29, sealed.length - 1]) {
      // Given one flipped bit
      const tampered = Buffer.from(sealed);
      tampered[at] = (tampered[at] ?? 0) ^ 0x01;
      // Then opening fails
      assert.throws(() => openSecretKey(tampered, masterKey, address), SealedKeyError, `byte ${at}`);
    }
  });

  it("do not open for another wallet: a row's sealed key copied onto another agent is refused", () => {
    // Given Alice's sealed key stored on Bob's row
    const sealed = sealSecretKey(wallet, masterKey);
    const bob = Keypair.generate().publicKey.toBase58();
    // When Bob's signer opens it
    // Then the authenticated data (the wallet) does not match
    assert.throws(() => openSecretKey(sealed, masterKey, bob), /does not open/);
  });

  it("refuse unknown versions, truncated input and master keys of the wrong length", () => {
    const sealed = sealSecretKey(wallet, masterKey);
    const v2 = Buffer.from(sealed);
    v2[0] = 2;
    assert.throws(() => openSecretKey(v2, masterKey, address), /unknown format version 2/);
    assert.throws(() => openSecretKey(sealed.subarray(0, 29), masterKey, address), /truncated/);
    assert.throws(() => sealSecretKey(wallet, randomBytes(16)), /must be 32 bytes, got 16/);
  });
});
