/** Platform upkeep: config updates and fee collection, signed by the admin. */
import type { Keypair, PublicKey } from "@solana/web3.js";
import type { DEFAULT_PARAMS, Platform, SentTx } from "./platform.js";

export interface ConfigUpdate {
  operator?: PublicKey;
  arbiter?: PublicKey;
  params?: Partial<typeof DEFAULT_PARAMS>;
  paused?: boolean;
}

/** The config as it is now, with `update` applied, as update_config arguments. */
export async function updateConfigIx(
  p: Platform,
  update: ConfigUpdate = {},
  accounts: { admin?: PublicKey; config?: PublicKey; treasury?: PublicKey } = {},
) {
  const c = (await p.account<Record<string, any>>("config", p.config))!;
  const current = {
    activationFee: c.activationFee,
    withdrawMinimum: c.withdrawMinimum,
    withdrawFee: c.withdrawFee,
    disputeFeeMin: c.disputeFeeMin,
    disputeFeeMax: c.disputeFeeMax,
    cooldownSeconds: c.cooldownSeconds,
    reviewWindowSeconds: c.reviewWindowSeconds,
    feeBps: c.feeBps,
    disputeFeeBps: c.disputeFeeBps,
    reserved: [0, 0, 0, 0],
    minJobAmount: c.minJobAmount,
  };
  return p.program.methods
    .updateConfig(
      update.operator ?? c.operator,
      update.arbiter ?? c.arbiter,
      { ...current, ...update.params },
      update.paused ?? c.paused,
    )
    .accountsPartial({
      admin: accounts.admin ?? c.admin,
      config: accounts.config ?? p.config,
      treasury: accounts.treasury ?? c.treasury,
    })
    .instruction();
}

export async function updateConfig(p: Platform, update: ConfigUpdate, signer: Keypair = p.admin): Promise<SentTx> {
  const r = await p.send(await updateConfigIx(p, update), [signer]);
  if (!r.ok) throw new Error(`update_config failed: ${r.error}\n${r.logs.join("\n")}`);
  return r;
}

/** The admin's half of a handover: names `newAdmin` (zero withdraws the proposal). */
export function proposeAdminIx(p: Platform, newAdmin: PublicKey, admin: PublicKey = p.admin.publicKey) {
  return p.program.methods.proposeAdmin(newAdmin).accountsPartial({ admin, config: p.config }).instruction();
}

/** The new admin's half: signed by the proposed key. */
export function acceptAdminIx(p: Platform, newAdmin: PublicKey) {
  return p.program.methods.acceptAdmin().accountsPartial({ newAdmin, config: p.config }).instruction();
}

export function collectFeesIx(p: Platform, overrides: Record<string, PublicKey> = {}) {
  return p.program.methods
    .collectFees()
    .accountsPartial({ admin: p.admin.publicKey, config: p.config, vault: p.vault, treasury: p.treasury, ...overrides })
    .instruction();
}

export async function feesAccrued(p: Platform): Promise<bigint> {
  const c = await p.account<Record<string, any>>("config", p.config);
  return BigInt(c!.feesAccrued.toString());
}
