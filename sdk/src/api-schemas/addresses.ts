/** Solana addresses in request bodies. */
import { PublicKey } from "@solana/web3.js";
import { z } from "zod";

const decodes = (s: string) => {
  try {
    return new PublicKey(s).toBase58() === s;
  } catch {
    return false;
  }
};

/** A Solana address in a request body: base58 that decodes to 32 bytes. */
export const SolanaAddress = z
  .string()
  .trim()
  .refine(decodes, "must be a base58 Solana address (32 bytes)")
  .describe("A Solana address, base58");

/** The same check with the profile routes' wording (registration's `recoveryAddress`). */
export const PublicKeyAddress = z.string().trim().refine(decodes, "Must be a base58 Solana public key");

const ZERO_KEY = "11111111111111111111111111111111";

/**
 * Why `text` cannot be a withdrawal address, from the text alone; undefined when it can be. The
 * API adds the refusals that need the platform or the chain (its own accounts, the agent's wallet).
 */
export function walletAddressProblem(text: string): string | undefined {
  let key: PublicKey;
  try {
    key = new PublicKey(text);
  } catch {
    return "Invalid Solana address: expected a base58 ed25519 public key";
  }
  if (key.toBase58() !== text) return "Invalid Solana address: expected a base58 ed25519 public key";
  if (text === ZERO_KEY) return "The zero address cannot receive funds";
  if (!PublicKey.isOnCurve(key.toBytes()))
    return "This is a program-derived address, not a wallet: no key can sign for it";
  return undefined;
}
