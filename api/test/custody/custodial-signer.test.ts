import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { Keypair } from "@solana/web3.js";
import { custodialSigner } from "../../src/custody/custodial-signer.js";
import { sealSecretKey } from "../../src/custody/sealed-secret-key.js";

describe("custody: the custodial signer", () => {
  const masterKey = randomBytes(32);
  const alice = Keypair.generate();
  const bob = Keypair.generate();
  const rows = new Map<string, string>();
  const signer = custodialSigner(masterKey, async (wallet) => rows.get(wallet));

  beforeEach(() => {
    rows.clear();
    rows.set(alice.publicKey.toBase58(), sealSecretKey(alice, masterKey).toString("base64"));
  });

  it("resolves a stored wallet to its keypair", async () => {
    const kp = await signer(alice.publicKey.toBase58());
    assert.deepEqual(kp?.secretKey, alice.secretKey);
  });

  it("resolves an unknown wallet to undefined", async () => {
    assert.equal(await signer(bob.publicKey.toBase58()), undefined);
  });

  it("throws when a row holds another wallet's sealed key", async () => {
    // Given Alice's sealed key copied onto Bob's row
    rows.set(bob.publicKey.toBase58(), rows.get(alice.publicKey.toBase58())!);
    // Then resolving Bob fails instead of signing with Alice's key
    await assert.rejects(signer(bob.publicKey.toBase58()), /does not open/);
  });
});
