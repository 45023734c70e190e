import { strict as assert } from "node:assert";
import { isUsableJobId, JOB_BUMP, jobPda, SEEDS, usableJobId } from "@justpay/sdk";
import { Keypair, PublicKey } from "@solana/web3.js";

const u64le = (n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return b;
};

describe("sdk: job addresses", () => {
  const programId = Keypair.generate().publicKey;

  it("a usable id's remembered address is the canonical bump-255 address web3.js derives", () => {
    for (let round = 0; round < 20; round++) {
      const client = Keypair.generate().publicKey;
      const id = usableJobId(programId, client, BigInt(round * 1000));
      assert.ok(isUsableJobId(programId, client, id), "checked again from the memo");
      const [address, bump] = PublicKey.findProgramAddressSync([SEEDS.job, client.toBuffer(), u64le(id)], programId);
      assert.equal(bump, JOB_BUMP);
      assert.deepEqual(jobPda(programId, client, id), { address, bump });
    }
  });

  it("an unusable id stays unusable, and its address is found at a lower bump", () => {
    const client = Keypair.generate().publicKey;
    let id = 0n;
    while (isUsableJobId(programId, client, id)) id++;
    assert.equal(isUsableJobId(programId, client, id), false);
    const derived = jobPda(programId, client, id);
    assert.ok(derived.bump < JOB_BUMP);
    assert.equal(isUsableJobId(programId, client, id), false, "the memo of a lower bump does not make it usable");
  });
});
