/**
 * The escrow program's `deposit`: moves `amount` from the agent's USDC account into the vault
 * and credits its ledger. The custodial wallet signs as the source's owner; the operator
 * co-signs, vouching that `sourceOwner` is the wallet the funds came from (docs/program.md).
 */

import { agentPda, escrowProgram } from "@justpay/sdk";
import { PublicKey, type TransactionInstruction } from "@solana/web3.js";
import BN from "bn.js";
import type { AppContext } from "../context.js";
import { usdcAccountOf } from "./usdc-account.js";

export function depositInstruction(
  ctx: AppContext,
  walletAddress: string,
  amount: bigint,
  sourceOwner: string,
): Promise<TransactionInstruction> {
  const wallet = new PublicKey(walletAddress);
  const programId = ctx.chain.programId;
  return escrowProgram(programId)
    .methods.deposit(new BN(amount.toString()), new PublicKey(sourceOwner))
    .accountsPartial({
      wallet,
      operator: ctx.platform.operator.publicKey,
      agent: agentPda(programId, wallet).address,
      config: ctx.platform.config,
      source: usdcAccountOf(ctx, walletAddress),
      vault: ctx.platform.vault,
    })
    .instruction();
}
