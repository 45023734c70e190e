/**
 * API key material: `jp_` + 40 random base62 characters (238 bits). Only the first
 * characters (the lookup prefix) and the SHA-256 of the whole key are ever stored; a
 * presented key is found by its prefix and checked against the hash in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const API_KEY_PREFIX = "jp_";
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const RANDOM_CHARS = 40;
/** `jp_` + 8: 62^8 ≈ 2·10^14 prefixes, so a lookup almost always finds one candidate. */
export const LOOKUP_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;
const KEY_PATTERN = new RegExp(`^${API_KEY_PREFIX}[0-9A-Za-z]{${RANDOM_CHARS}}$`);

export interface NewApiKey {
  /** The full key: give it to the agent once, never store it. */
  key: string;
  prefix: string;
  hash: string;
}

/** Uniform base62 characters: bytes ≥ 248 (= 4·62) are dropped so `% 62` has no bias. */
function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export function generateApiKey(): NewApiKey {
  const key = API_KEY_PREFIX + randomBase62(RANDOM_CHARS);
  return { key, prefix: lookupPrefix(key), hash: hashApiKey(key) };
}

export function lookupPrefix(key: string): string {
  return key.slice(0, LOOKUP_PREFIX_LENGTH);
}

/** Shape check before any database lookup, so junk never costs a query. */
export function looksLikeApiKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

/** Constant-time: both sides are 32-byte digests, whatever was presented. */
export function apiKeyMatches(presented: string, storedHash: string): boolean {
  const a = createHash("sha256").update(presented, "utf8").digest();
  const b = Buffer.from(storedHash, "hex");
  return b.length === a.length && timingSafeEqual(a, b);
}

/** Constant-time equality of two secrets of any length (the admin key). */
export function secretsEqual(presented: string, expected: string): boolean {
  const a = createHash("sha256").update(presented, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}
