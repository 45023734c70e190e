/**
 * HMAC-SHA256 through Web Crypto (`globalThis.crypto.subtle`: browsers, Node 20+, Deno,
 * Workers). Checking goes through `subtle.verify`, which compares in constant time, so a
 * receiver leaks nothing about how much of a forged signature was right.
 */

// Named through the global, so neither the DOM lib nor node:crypto's types are needed.
type Subtle = typeof globalThis.crypto.subtle;
type HmacKey = Awaited<ReturnType<Subtle["importKey"]>>;

function subtle(): Subtle {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error("verifyWebhook needs Web Crypto (globalThis.crypto.subtle)");
  return s;
}

/** An HMAC-SHA256 key for verifying only. */
export function hmacKey(secret: Uint8Array): Promise<HmacKey> {
  return subtle().importKey("raw", secret, { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
}

/** Whether `signature` is the HMAC of `message` under `key`, in constant time. */
export function hmacMatches(key: HmacKey, signature: Uint8Array, message: Uint8Array): Promise<boolean> {
  return subtle().verify("HMAC", key, signature, message);
}
