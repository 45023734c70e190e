/**
 * Custodial secret keys at rest: AES-256-GCM under the master key, bound to their wallet.
 *
 * The sealed form describes itself, so the scheme can change later without guessing what a
 * stored row holds:
 *
 *   version (1 byte) | nonce (12 bytes) | tag (16 bytes) | ciphertext (64 bytes for ed25519)
 *
 * The wallet address is authenticated data: a sealed key copied onto another agent's row fails
 * to open, instead of letting that agent sign with someone else's wallet.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { Keypair } from "@solana/web3.js";

export const MASTER_KEY_BYTES = 32;
const VERSION_AES_256_GCM = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + NONCE_BYTES + TAG_BYTES;

/** A sealed key that does not open: wrong master key, tampered bytes, or another wallet's row. */
export class SealedKeyError extends Error {
  override name = "SealedKeyError";
}

function boundTo(wallet: string): Buffer {
  return Buffer.from(`justpay:custody:v${VERSION_AES_256_GCM}:${wallet}`, "utf8");
}

function requireMasterKey(masterKey: Uint8Array): void {
  if (masterKey.length !== MASTER_KEY_BYTES)
    throw new Error(`the master key must be ${MASTER_KEY_BYTES} bytes, got ${masterKey.length}`);
}

/** Encrypts `keypair`'s secret key for storage; store the bytes as they are, or base64 them. */
export function sealSecretKey(keypair: Keypair, masterKey: Uint8Array): Buffer {
  requireMasterKey(masterKey);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", masterKey, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(boundTo(keypair.publicKey.toBase58()));
  const ciphertext = Buffer.concat([cipher.update(keypair.secretKey), cipher.final()]);
  return Buffer.concat([Buffer.of(VERSION_AES_256_GCM), nonce, cipher.getAuthTag(), ciphertext]);
}

/** Decrypts a sealed key (bytes, or their base64) stored for `wallet`. */
export function openSecretKey(sealed: Uint8Array | string, masterKey: Uint8Array, wallet: string): Keypair {
  requireMasterKey(masterKey);
  const bytes = typeof sealed === "string" ? Buffer.from(sealed, "base64") : Buffer.from(sealed);
  if (bytes.length <= HEADER_BYTES) throw new SealedKeyError(`the sealed key of ${wallet} is truncated`);
  if (bytes[0] !== VERSION_AES_256_GCM)
    throw new SealedKeyError(`the sealed key of ${wallet} has unknown format version ${bytes[0]}`);
  const nonce = bytes.subarray(1, 1 + NONCE_BYTES);
  const tag = bytes.subarray(1 + NONCE_BYTES, HEADER_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", masterKey, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(boundTo(wallet));
  decipher.setAuthTag(tag);
  let secretKey: Buffer;
  try {
    secretKey = Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES)), decipher.final()]);
  } catch {
    throw new SealedKeyError(
      `the sealed key of ${wallet} does not open: wrong master key, altered bytes, or another wallet's key`,
    );
  }
  // No zeroing of `secretKey` afterwards: the Keypair keeps this very buffer.
  const keypair = Keypair.fromSecretKey(secretKey);
  // GCM already binds the row to `wallet`; this catches a key sealed under the wrong label.
  if (keypair.publicKey.toBase58() !== wallet)
    throw new SealedKeyError(`the sealed key stored for ${wallet} belongs to ${keypair.publicKey.toBase58()}`);
  return keypair;
}
