/**
 * An agent's own instructions: registering its ledger, deposits (operator co-signed), the
 * withdrawal and emergency addresses, withdrawals and panic. `vault` is the platform's USDC
 * account (the config PDA's associated token account: `JustPayProgram.vault`).
 */
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import { bn, buildInstruction } from "./build.js";
import { type BuildContext, buildContext } from "./context.js";

export function registerAgentInstruction(
  p: { payer: PublicKey; wallet: PublicKey },
  ctx: BuildContext = buildContext(),
): TransactionInstruction {
  return buildInstruction(
    ctx.program,
    "registerAgent",
    {},
    { payer: p.payer, wallet: p.wallet, agent: ctx.ledger(p.wallet) },
  );
}

export interface DepositParams {
  wallet: PublicKey;
  operator: PublicKey;
  /** The wallet's USDC token account the deposit moves from. */
  source: PublicKey;
  vault: PublicKey;
  amount: bigint;
  /** Who sent the USDC to the wallet (its first activating deposit becomes the emergency address). */
  sourceOwner: PublicKey;
}

export function depositInstruction(p: DepositParams, ctx: BuildContext = buildContext()): TransactionInstruction {
  return buildInstruction(
    ctx.program,
    "deposit",
    { amount: bn(p.amount), sourceOwner: p.sourceOwner },
    {
      wallet: p.wallet,
      operator: p.operator,
      agent: ctx.ledger(p.wallet),
      config: ctx.config,
      source: p.source,
      vault: p.vault,
    },
  );
}

/** Sets or changes the withdrawal address; a change starts the program's cooldown. */
export function setWithdrawalAddressInstruction(
  p: { wallet: PublicKey; address: PublicKey },
  ctx: BuildContext = buildContext(),
): TransactionInstruction {
  return buildInstruction(
    ctx.program,
    "setWithdrawalAddress",
    { address: p.address },
    { wallet: p.wallet, agent: ctx.ledger(p.wallet), config: ctx.config },
  );
}

export function pinEmergencyAddressInstruction(
  p: { wallet: PublicKey; address: PublicKey },
  ctx: BuildContext = buildContext(),
): TransactionInstruction {
  return buildInstruction(
    ctx.program,
    "pinEmergencyAddress",
    { address: p.address },
    { wallet: p.wallet, agent: ctx.ledger(p.wallet), config: ctx.config },
  );
}

/** `destination`: the USDC token account of the ledger's withdrawal address. */
export function withdrawInstruction(
  p: { wallet: PublicKey; vault: PublicKey; destination: PublicKey; amount: bigint },
  ctx: BuildContext = buildContext(),
): TransactionInstruction {
  return buildInstruction(
    ctx.program,
    "withdraw",
    { amount: bn(p.amount) },
    { wallet: p.wallet, agent: ctx.ledger(p.wallet), config: ctx.config, vault: p.vault, destination: p.destination },
  );
}

/** Everything available to the emergency address; `destination` is its USDC token account. */
export function panicInstruction(
  p: { wallet: PublicKey; vault: PublicKey; destination: PublicKey },
  ctx: BuildContext = buildContext(),
): TransactionInstruction {
  return buildInstruction(
    ctx.program,
    "panic",
    {},
    { wallet: p.wallet, agent: ctx.ledger(p.wallet), config: ctx.config, vault: p.vault, destination: p.destination },
  );
}
