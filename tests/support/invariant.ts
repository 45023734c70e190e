/**
 * The vault invariant (DESIGN §2.1), checked from chain state alone:
 *   vault == Σ agent.available + Σ job.locked + Σ campaign.pool + Σ task.locked + fees_accrued
 * Tests never donate to the vault, so equality must hold after every step.
 */
import assert from "node:assert/strict";
import { PublicKey } from "@solana/web3.js";
import type BN from "bn.js";
import type { Platform } from "./platform.js";
import { tokenBalance } from "./tokens.js";

type Decoded = Record<string, BN | unknown>;
const n = (v: unknown) => BigInt((v as BN).toString());

/** How much of the vault each account type holds, keyed by the IDL account name. */
export const LOCKED_BY_TYPE: Record<string, (a: Decoded) => bigint> = {
  agent: (a) => n(a.available),
  job: (a) => n(a.amount) + n(a.fee),
  campaign: (a) => n(a.pool),
  task: (a) => n(a.amount) + n(a.fee),
};

export interface VaultSnapshot {
  vault: bigint;
  feesAccrued: bigint;
  byType: Record<string, bigint>;
  allocated: bigint;
}

export async function vaultSnapshot(p: Platform): Promise<VaultSnapshot> {
  const config = await p.account<Decoded>("config", p.config);
  assert.ok(config, "config missing");
  const byType: Record<string, bigint> = {};
  for (const [type, addresses] of p.tracked) {
    const lockedOf = LOCKED_BY_TYPE[type];
    if (!lockedOf) continue;
    let sum = 0n;
    for (const address of addresses) {
      const account = await p.account<Decoded>(type, new PublicKey(address));
      if (account) sum += lockedOf(account);
    }
    byType[type] = sum;
  }
  const feesAccrued = n(config.feesAccrued);
  const allocated = Object.values(byType).reduce((a, b) => a + b, feesAccrued);
  return { vault: await tokenBalance(p.chain, p.vault), feesAccrued, byType, allocated };
}

export async function assertVaultInvariant(p: Platform): Promise<VaultSnapshot> {
  const s = await vaultSnapshot(p);
  assert.equal(
    s.vault,
    s.allocated,
    `vault invariant broken: vault ${s.vault} != allocated ${s.allocated} (${JSON.stringify(
      Object.fromEntries(Object.entries(s.byType).map(([k, v]) => [k, v.toString()])),
    )}, fees ${s.feesAccrued})`,
  );
  return s;
}

/** No USDC is created or destroyed: all token accounts together hold what tests minted. */
export async function assertUsdcConserved(p: Platform): Promise<void> {
  let total = 0n;
  for (const address of p.tokenAccounts) {
    const account = await p.chain.getAccount(new PublicKey(address));
    if (account) total += await tokenBalance(p.chain, new PublicKey(address));
  }
  assert.equal(total, p.externalSupply, `USDC not conserved: token accounts hold ${total}, minted ${p.externalSupply}`);
}

/** Both money checks, for use after every step. */
export async function assertMoneyInvariants(p: Platform): Promise<VaultSnapshot> {
  await assertUsdcConserved(p);
  return assertVaultInvariant(p);
}
