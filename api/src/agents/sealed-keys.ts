/** Where custody finds a wallet's sealed secret key: the agent profile's `encrypted_secret`. */
import type { Knex } from "@mikro-orm/postgresql";
import type { SealedKeyLookup } from "../custody/custodial-signer.js";

export function sealedKeyOfWallet(knex: Knex): SealedKeyLookup {
  return async (walletAddress) => {
    const { rows } = await knex.raw(`select encrypted_secret from agents where wallet_address = ?`, [walletAddress]);
    return (rows[0] as { encrypted_secret: Buffer } | undefined)?.encrypted_secret;
  };
}
