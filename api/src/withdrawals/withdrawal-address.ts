/**
 * What may be a withdrawal address: the base58 public key of a wallet that someone can sign
 * for. The program itself refuses only the zero key and its config PDA; this refuses more,
 * up front, because USDC sent to such an address is lost or comes straight back:
 *
 * - anything that is not 32 bytes of canonical base58, or not an ed25519 point (PDAs, which
 *   no key signs for — the config PDA among them), or the zero key;
 * - the platform's own accounts and the agent's custodial wallet (its deposit address);
 * - an existing program or token account (a token account's owner is the address to give).
 */

import { walletAddressProblem } from "@justpay/sdk/schemas";
import { TOKEN_2022_PROGRAM_ID, TOKEN_PROGRAM_ID } from "@solana/spl-token";
import type { PublicKey } from "@solana/web3.js";
import type { AppContext } from "../context.js";

export { walletAddressProblem };

/** Refusals that need the platform or the chain; undefined when the address is acceptable. */
export async function payoutAddressProblem(
  ctx: AppContext,
  walletAddress: string,
  address: PublicKey,
): Promise<string | undefined> {
  const { platform } = ctx;
  const own = [platform.programId, platform.config, platform.vault, platform.treasury, platform.usdcMint];
  if (own.some((k) => k.equals(address))) return "This is one of JustPay's own accounts, not a wallet of yours";
  if (address.toBase58() === walletAddress)
    return "This is your JustPay deposit wallet; give the address of a wallet you control";
  const account = await ctx.chain.getAccount(address);
  if (account?.executable) return "This is a program, not a wallet";
  if (account && (account.owner.equals(TOKEN_PROGRAM_ID) || account.owner.equals(TOKEN_2022_PROGRAM_ID)))
    return "This is a token account; give the address of the wallet that owns it";
  return undefined;
}
