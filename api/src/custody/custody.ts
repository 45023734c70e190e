/**
 * Custody as the API uses it, built once per process around the loaded master key: new
 * wallets' secret keys are sealed for storage, and the outbox signs with stored ones through
 * the signer registry. Routes get `ctx.custody.seal`; the master key itself stays in here.
 */
import type { Keypair } from "@solana/web3.js";
import type { SignerRegistry } from "../runtime/signer-registry.js";
import { custodialSigner, type SealedKeyLookup } from "./custodial-signer.js";
import { sealSecretKey } from "./sealed-secret-key.js";

export interface Custody {
  /** The sealed form of `keypair`'s secret key, bound to its address, to store as it is. */
  seal(keypair: Keypair): Buffer;
}

/** Registers the custodial wallets with `signers` (found through `lookup`) and returns the sealer. */
export function openCustody(masterKey: Uint8Array, lookup: SealedKeyLookup, signers: SignerRegistry): Custody {
  signers.addResolver(custodialSigner(masterKey, lookup));
  return { seal: (keypair) => sealSecretKey(keypair, masterKey) };
}
