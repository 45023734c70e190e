/** PDA addresses at a chosen bump, for tests that try to create accounts at the wrong one. */
import { PublicKey } from "@solana/web3.js";

/** The address `seeds` derive at `bump`, or null where that bump derives none (on the curve). */
export function addressAt(seeds: Buffer[], bump: number, programId: PublicKey): PublicKey | null {
  try {
    return PublicKey.createProgramAddressSync([...seeds, Buffer.from([bump])], programId);
  } catch {
    return null;
  }
}

/** The highest bump below `below` at which `seeds` derive an address; -1 when there is none. */
export function validBumpBelow(seeds: Buffer[], below: number, programId: PublicKey): number {
  for (let b = below - 1; b >= 0; b--) if (addressAt(seeds, b, programId)) return b;
  return -1;
}
