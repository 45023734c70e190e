/**
 * The vault's exits for an agent: withdrawal address, withdraw and panic, plus the
 * external token accounts funds leave to.
 */
import { getAssociatedTokenAddressSync } from "@solana/spl-token";
import { Keypair, type PublicKey } from "@solana/web3.js";
import BN from "bn.js";
import type { TestAgent } from "./agents.js";
import type { Platform, SentTx } from "./platform.js";
import { setTokenAccount } from "./tokens.js";

/** A USDC token account owned by `owner` (its ATA unless `address` is given), tracked for conservation. */
export async function externalUsdcAccount(
  p: Platform,
  owner: PublicKey,
  opts: { address?: PublicKey; mint?: PublicKey; frozen?: boolean } = {},
): Promise<PublicKey> {
  const address = opts.address ?? getAssociatedTokenAddressSync(opts.mint ?? p.usdcMint, owner, true);
  if (!(await p.chain.getAccount(address))) {
    await setTokenAccount(p.chain, address, { mint: opts.mint ?? p.usdcMint, owner, frozen: opts.frozen });
  }
  if (!opts.mint || opts.mint.equals(p.usdcMint)) p.trackToken(address);
  return address;
}

export function setWithdrawalAddressIx(a: TestAgent, address: PublicKey, overrides: Record<string, PublicKey> = {}) {
  return a.p.program.methods
    .setWithdrawalAddress(address)
    .accountsPartial({ wallet: a.key, agent: a.ledger, config: a.p.config, ...overrides })
    .instruction();
}

/** The agent's own choice of where panic pays, before its first deposit. */
export function pinEmergencyAddressIx(a: TestAgent, address: PublicKey, overrides: Record<string, PublicKey> = {}) {
  return a.p.program.methods
    .pinEmergencyAddress(address)
    .accountsPartial({ wallet: a.key, agent: a.ledger, config: a.p.config, ...overrides })
    .instruction();
}

export function withdrawIx(
  a: TestAgent,
  amount: bigint,
  destination: PublicKey,
  overrides: Record<string, PublicKey> = {},
) {
  return a.p.program.methods
    .withdraw(new BN(amount.toString()))
    .accountsPartial({
      wallet: a.key,
      agent: a.ledger,
      config: a.p.config,
      vault: a.p.vault,
      destination,
      ...overrides,
    })
    .instruction();
}

export function panicIx(a: TestAgent, destination: PublicKey, overrides: Record<string, PublicKey> = {}) {
  return a.p.program.methods
    .panic()
    .accountsPartial({
      wallet: a.key,
      agent: a.ledger,
      config: a.p.config,
      vault: a.p.vault,
      destination,
      ...overrides,
    })
    .instruction();
}

function ok(r: SentTx, what: string): SentTx {
  if (!r.ok) throw new Error(`${what} failed: ${r.error}\n${r.logs.join("\n")}`);
  return r;
}

export async function setWithdrawalAddress(a: TestAgent, address: PublicKey): Promise<SentTx> {
  return ok(await a.p.send(await setWithdrawalAddressIx(a, address), [a.wallet]), "set_withdrawal_address");
}

export async function pinEmergencyAddress(a: TestAgent, address: PublicKey): Promise<SentTx> {
  return ok(await a.p.send(await pinEmergencyAddressIx(a, address), [a.wallet]), "pin_emergency_address");
}

/** Gives the agent a fresh withdrawal address (first set: no cooldown) and its USDC account. */
export async function withWithdrawalAddress(a: TestAgent): Promise<{ owner: Keypair; destination: PublicKey }> {
  const owner = Keypair.generate();
  await setWithdrawalAddress(a, owner.publicKey);
  return { owner, destination: await externalUsdcAccount(a.p, owner.publicKey) };
}

export async function withdraw(a: TestAgent, amount: bigint, destination: PublicKey): Promise<SentTx> {
  return ok(await a.p.send(await withdrawIx(a, amount, destination), [a.wallet]), "withdraw");
}

/** Panics to the ATA of the agent's emergency address (its personal wallet, unless it pinned another). */
export async function panic(a: TestAgent): Promise<SentTx> {
  const destination = await externalUsdcAccount(a.p, a.personal.publicKey);
  return ok(await a.p.send(await panicIx(a, destination), [a.wallet]), "panic");
}

export const emergencyAccount = (a: TestAgent) => externalUsdcAccount(a.p, a.personal.publicKey);
