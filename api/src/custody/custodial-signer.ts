/**
 * The transaction pipeline's signer lookup over sealed custodial keys. The caller supplies
 * how a wallet's sealed key is found (a column of the agent profile, today), so this module
 * does not depend on any entity.
 */
import type { SignerResolver } from "../tx/pipeline.js";
import { openSecretKey } from "./sealed-secret-key.js";

/** Returns the sealed secret key (bytes or base64) stored for a wallet, if any. */
export type SealedKeyLookup = (walletAddress: string) => Promise<Uint8Array | string | null | undefined>;

/**
 * Unknown wallets resolve to undefined (the pipeline voids such intents); a sealed key that
 * does not open throws, since that means a wrong master key or a tampered row, never a user error.
 */
export function custodialSigner(masterKey: Uint8Array, lookup: SealedKeyLookup): SignerResolver {
  return async (walletAddress) => {
    const sealed = await lookup(walletAddress);
    return sealed == null ? undefined : openSecretKey(sealed, masterKey, walletAddress);
  };
}
