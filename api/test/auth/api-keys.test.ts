import assert from "node:assert/strict";
import {
  apiKeyMatches,
  generateApiKey,
  hashApiKey,
  LOOKUP_PREFIX_LENGTH,
  looksLikeApiKey,
  secretsEqual,
} from "../../src/auth/api-keys.js";

describe("API key material", () => {
  it("is jp_ + 40 base62 characters, with a jp_ + 8 lookup prefix and a SHA-256 hash", () => {
    const { key, prefix, hash } = generateApiKey();
    assert.match(key, /^jp_[0-9A-Za-z]{40}$/);
    assert.equal(prefix, key.slice(0, LOOKUP_PREFIX_LENGTH));
    assert.equal(prefix.length, 11);
    assert.match(hash, /^[0-9a-f]{64}$/);
    assert.equal(hash, hashApiKey(key));
    assert.ok(!hash.includes(key.slice(3)), "the stored hash reveals nothing of the key");
  });

  it("never repeats, and uses the whole alphabet", () => {
    const keys = Array.from({ length: 500 }, () => generateApiKey().key);
    assert.equal(new Set(keys).size, keys.length);
    const seen = new Set(keys.flatMap((k) => [...k.slice(3)]));
    assert.equal(seen.size, 62);
  });

  it("matches only the exact key against its stored hash", () => {
    const { key, hash } = generateApiKey();
    assert.equal(apiKeyMatches(key, hash), true);
    assert.equal(apiKeyMatches(`${key.slice(0, -1)}${key.endsWith("a") ? "b" : "a"}`, hash), false);
    assert.equal(apiKeyMatches("", hash), false);
    assert.equal(apiKeyMatches(key, "not-hex"), false);
  });

  it("rejects anything not shaped like a key before it costs a lookup", () => {
    assert.equal(looksLikeApiKey(generateApiKey().key), true);
    for (const junk of ["", "jp_", "jp_short", `sk_${"a".repeat(40)}`, `jp_${"a".repeat(39)}!`, `jp_${"a".repeat(41)}`])
      assert.equal(looksLikeApiKey(junk), false, junk);
  });

  it("compares secrets of different lengths without throwing", () => {
    assert.equal(secretsEqual("admin-key-0123456789", "admin-key-0123456789"), true);
    assert.equal(secretsEqual("admin", "admin-key-0123456789"), false);
  });
});
