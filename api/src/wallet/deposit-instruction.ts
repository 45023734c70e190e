/**
 * The escrow program's `deposit`: moves `amount` from the agent's USDC account into the vault
 * and credits its ledger. The custodial wallet signs as the source's owner; the operator
 * co-signs, vouching that `sourceOwner` is the wallet the funds came from (docs/program.md).
 */

import { buildContext, depositInstruction as buildDeposit } from "@justpay/sdk";
import { PublicKey, type TransactionInstruction } from "@solana/web3.js";
import type { AppContext } from "../context.js";
import { usdcAccountOf } from "./usdc-account.js";

export function depositInstruction(
  ctx: AppContext,
  walletAddress: string,
  amount: bigint,
  sourceOwner: string,
): TransactionInstruction {
  return buildDeposit(
    {
      wallet: new PublicKey(walletAddress),
      operator: ctx.platform.operator.publicKey,
      source: usdcAccountOf(ctx, walletAddress),
      vault: ctx.platform.vault,
      amount,
      sourceOwner: new PublicKey(sourceOwner),
    },
    buildContext(ctx.chain.programId),
  );
}
