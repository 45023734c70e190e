import assert from "node:assert/strict";
import { Keypair } from "@solana/web3.js";
import { SignerRegistry } from "../../src/runtime/signer-registry.js";

describe("runtime: SignerRegistry", () => {
  it("keeps what a resolver found, and asks again for a key it did not find", async () => {
    // Given a resolver that counts its lookups and knows one wallet only after a while
    const wallet = Keypair.generate();
    const address = wallet.publicKey.toBase58();
    let stored = false;
    let lookups = 0;
    const registry = new SignerRegistry();
    registry.addResolver(async (pubkey) => {
      lookups++;
      return stored && pubkey === address ? wallet : undefined;
    });
    // When the key is asked for before its sealed key is stored, then twice after
    assert.equal(await registry.resolve(address), undefined);
    stored = true;
    const first = await registry.resolve(address);
    const second = await registry.resolve(address);
    // Then the miss was not kept, and the hit is answered from memory the second time
    assert.equal(first, wallet);
    assert.equal(second, wallet);
    assert.equal(lookups, 2);
  });
});
