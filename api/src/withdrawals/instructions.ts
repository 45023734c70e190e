/**
 * The program instructions that move an agent's money out of the vault, plus the creation of
 * the receiving token account: a fresh wallet has no USDC account yet, and the platform's fee
 * payer pays its rent (agents hold only USDC). Creating it is idempotent, so the instruction
 * list under an outbox key is the same on every retry.
 * (The outbox adds a memo naming its key to every transaction, so equal requests stay
 * distinct transactions: see api/src/tx/key-memo.ts.)
 */

import {
  buildContext,
  panicInstruction as buildPanic,
  setWithdrawalAddressInstruction as buildSetWithdrawalAddress,
  withdrawInstruction as buildWithdraw,
} from "@justpay/sdk";
import { createAssociatedTokenAccountIdempotentInstruction, getAssociatedTokenAddressSync } from "@solana/spl-token";
import { PublicKey, type TransactionInstruction } from "@solana/web3.js";
import type { AppContext } from "../context.js";

const program = (ctx: AppContext) => buildContext(ctx.chain.programId);

/** The USDC account of `owner` that payouts go to (owners may be off-curve, e.g. a multisig). */
export function usdcAccountOf(ctx: AppContext, owner: PublicKey): PublicKey {
  return getAssociatedTokenAddressSync(ctx.platform.usdcMint, owner, true);
}

export async function setWithdrawalAddressInstructions(
  ctx: AppContext,
  wallet: PublicKey,
  address: PublicKey,
): Promise<TransactionInstruction[]> {
  return [buildSetWithdrawalAddress({ wallet, address }, program(ctx))];
}

/** Creates `owner`'s USDC account if needed, then pays it with `pay(destination)`. */
async function payTo(
  ctx: AppContext,
  owner: PublicKey,
  pay: (destination: PublicKey) => TransactionInstruction,
): Promise<TransactionInstruction[]> {
  const destination = usdcAccountOf(ctx, owner);
  const payer = ctx.platform.feePayer.publicKey;
  const open = createAssociatedTokenAccountIdempotentInstruction(payer, destination, owner, ctx.platform.usdcMint);
  return [open, pay(destination)];
}

/** `withdraw(amount)` to the USDC account of `owner` (the withdrawal address). */
export function withdrawInstructions(ctx: AppContext, wallet: PublicKey, owner: PublicKey, amount: bigint) {
  return payTo(ctx, owner, (destination) =>
    buildWithdraw({ wallet, vault: ctx.platform.vault, destination, amount }, program(ctx)),
  );
}

/** `panic()` to the USDC account of `owner` (the emergency address). */
export function panicInstructions(ctx: AppContext, wallet: PublicKey, owner: PublicKey) {
  return payTo(ctx, owner, (destination) =>
    buildPanic({ wallet, vault: ctx.platform.vault, destination }, program(ctx)),
  );
}

export const ZERO_KEY = PublicKey.default.toBase58();
