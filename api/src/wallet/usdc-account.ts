/** The agent's USDC token account: where SPL transfers to its wallet land (the wallet's associated token account). */
import { getAssociatedTokenAddressSync } from "@solana/spl-token";
import { PublicKey } from "@solana/web3.js";
import type { AppContext } from "../context.js";

export function usdcAccountOf(ctx: AppContext, walletAddress: string): PublicKey {
  return getAssociatedTokenAddressSync(ctx.platform.usdcMint, new PublicKey(walletAddress));
}
