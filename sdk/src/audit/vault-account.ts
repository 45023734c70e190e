/** The vault as an SPL token account: amount, mint and owner, or null amount when it is not one. */
import { AccountLayout, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import type { PublicKey } from "@solana/web3.js";
import type { VaultState } from "./vault-invariant.js";

export function vaultState(address: string, account: { owner: PublicKey; data: Uint8Array } | null): VaultState {
  if (!account?.owner.equals(TOKEN_PROGRAM_ID) || account.data.length < AccountLayout.span) {
    return { address, amount: null, mint: null, owner: null };
  }
  const token = AccountLayout.decode(account.data);
  return { address, amount: token.amount, mint: token.mint.toBase58(), owner: token.owner.toBase58() };
}
