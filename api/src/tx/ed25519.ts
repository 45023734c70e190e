/**
 * Ed25519 signatures for the outbox through node:crypto (OpenSSL) instead of web3.js's pure-JS
 * curve code, which costs a millisecond or more per signature and was a large share of the
 * API's CPU per job step. Ed25519 is deterministic (RFC 8032), so the signature, and with it
 * the transaction id, is byte for byte the one web3.js would make. A keypair's OpenSSL key
 * object is built once and kept as long as the keypair lives.
 */
import { createPrivateKey, type KeyObject, sign } from "node:crypto";
import type { Keypair } from "@solana/web3.js";

/** PKCS#8 DER for an Ed25519 private key, up to the 32-byte seed that follows it. */
const PKCS8_ED25519_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

const keyObjects = new WeakMap<Keypair, KeyObject>();

function keyObjectOf(keypair: Keypair): KeyObject {
  let key = keyObjects.get(keypair);
  if (!key) {
    const seed = keypair.secretKey.subarray(0, 32);
    key = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: "der", type: "pkcs8" });
    keyObjects.set(keypair, key);
  }
  return key;
}

/** The 64-byte Ed25519 signature of `message` by `keypair`. */
export function ed25519Sign(keypair: Keypair, message: Uint8Array): Uint8Array {
  return sign(null, message, keyObjectOf(keypair));
}
