/**
 * Who can sign for a public key: the outbox (`TxPipeline`) asks this registry for every
 * signer an intent needs. The platform's own keys are registered at boot; the custody module
 * adds a resolver for agents' custodial wallets. Resolvers are asked in order; the first
 * that knows the key answers. A key can also be lent for the length of one call (`lending`),
 * for a wallet whose sealed key is not stored yet.
 *
 * What a resolver finds is kept (at most `RESOLVED_KEYS_KEPT`, least recently used out): a
 * wallet's secret key never changes, and unsealing it (a database read, AES-GCM, rebuilding
 * the keypair) on every transaction was a large part of each job step's cost. The master key
 * that unseals any wallet is in this process's memory anyway. A key not found is not kept, so
 * a wallet whose sealed key is stored later resolves then.
 */
import type { Keypair } from "@solana/web3.js";
import type { SignerResolver } from "../tx/pipeline.js";
import { LruMap } from "./lru-map.js";

export const RESOLVED_KEYS_KEPT = 10_000;

export class SignerRegistry {
  private readonly keys = new Map<string, Keypair>();
  private readonly lent = new Map<string, Keypair>();
  private readonly resolvers: SignerResolver[] = [];
  private readonly resolved = new LruMap<string, Keypair>(RESOLVED_KEYS_KEPT);

  addKeypair(...keypairs: Keypair[]): void {
    for (const k of keypairs) this.keys.set(k.publicKey.toBase58(), k);
  }

  addResolver(resolver: SignerResolver): void {
    this.resolvers.push(resolver);
  }

  /**
   * Lets the outbox sign with `keypair` while `use` runs, and forgets it afterwards.
   * Registration creates a wallet's ledger before its profile (and sealed key) is stored.
   */
  async lending<T>(keypair: Keypair, use: () => Promise<T>): Promise<T> {
    const address = keypair.publicKey.toBase58();
    this.lent.set(address, keypair);
    try {
      return await use();
    } finally {
      this.lent.delete(address);
    }
  }

  /** Bound, so it can be handed to the pipeline as is. */
  readonly resolve: SignerResolver = async (pubkey) => {
    const known = this.keys.get(pubkey) ?? this.lent.get(pubkey) ?? this.resolved.get(pubkey);
    if (known) return known;
    for (const resolver of this.resolvers) {
      const found = await resolver(pubkey);
      if (found) {
        this.resolved.set(pubkey, found);
        return found;
      }
    }
    return undefined;
  };
}
