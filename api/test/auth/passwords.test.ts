import assert from "node:assert/strict";
import {
  hashPassword,
  PASSWORD_HASH_PARAMS,
  verifyAgainstNoAccount,
  verifyPassword,
} from "../../src/auth/passwords.js";

describe("auth: password hashes", () => {
  it("are argon2id with OWASP's parameters and a fresh salt each time", async () => {
    // Given one password hashed twice
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    // Then both are argon2id PHC strings with m=19456, t=2, p=1, and differ by their salt
    const { memoryCost, timeCost, parallelism } = PASSWORD_HASH_PARAMS;
    const phc = new RegExp(`^\\$argon2id\\$v=19\\$m=${memoryCost},t=${timeCost},p=${parallelism}\\$`);
    assert.match(a, phc);
    assert.match(b, phc);
    assert.notEqual(a, b);
    assert.ok(!a.includes("horse"));
  });

  it("verify the right password and refuse any other", async () => {
    const stored = await hashPassword("s3cret-pass");
    assert.equal(await verifyPassword(stored, "s3cret-pass"), true);
    assert.equal(await verifyPassword(stored, "s3cret-pasS"), false);
    assert.equal(await verifyPassword(stored, ""), false);
  });

  it("handle non-ASCII passwords", async () => {
    const stored = await hashPassword("pässwörd-🔑");
    assert.equal(await verifyPassword(stored, "pässwörd-🔑"), true);
    assert.equal(await verifyPassword(stored, "passwörd-🔑"), false);
  });

  it("still spend a full check when the account does not exist", async () => {
    // Given a real stored hash, and the dummy check warmed up once
    const stored = await hashPassword("x");
    await verifyAgainstNoAccount("warm-up");
    // When logins naming no account and logins naming a real one alternate, five of each
    // (alternating and taking medians keeps a busy machine from skewing one side)
    const dummy: number[] = [];
    const real: number[] = [];
    for (let i = 0; i < 5; i++) {
      const miss = await timed(() => verifyAgainstNoAccount("whatever"));
      assert.equal(miss.result, false);
      dummy.push(miss.ms);
      real.push((await timed(() => verifyPassword(stored, "y"))).ms);
    }
    // Then the dummy answers false after argon2 work comparable to a real check
    assert.ok(median(dummy) >= median(real) * 0.5, `dummy ${dummy} ms vs real ${real} ms`);
  });
});

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const t0 = performance.now();
  const result = await run();
  return { result, ms: performance.now() - t0 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
