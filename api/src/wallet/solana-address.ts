/** A Solana address in a request body: base58 that decodes to 32 bytes. */
import { PublicKey } from "@solana/web3.js";
import { z } from "zod";

const decodes = (s: string) => {
  try {
    return new PublicKey(s).toBase58() === s;
  } catch {
    return false;
  }
};

export const SolanaAddress = z
  .string()
  .trim()
  .refine(decodes, "must be a base58 Solana address (32 bytes)")
  .describe("A Solana address, base58");
