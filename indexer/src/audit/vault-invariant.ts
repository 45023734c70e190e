/**
 * The vault invariant over the audit's chain state. The arithmetic is the SDK's
 * (`checkVaultInvariant` in sdk/src/audit), so `justpay audit` and `auditVault` agree; this
 * adapts the indexer's decoded accounts to it and keeps the report's shape.
 */
import { type InvariantTerm, checkVaultInvariant as sdkInvariant } from "@justpay/sdk";
import type { ChainAccountState, VaultState } from "./chain-state.js";

export type { InvariantTerm };

export interface InvariantReport {
  vault: VaultState | null;
  terms: InvariantTerm[];
  allocated: bigint;
  /** vault.amount − allocated when positive: tokens sent straight to the vault, owed to nobody. */
  unallocated: bigint;
  problems: string[];
}

export function checkVaultInvariant(
  accounts: readonly ChainAccountState[],
  vault: VaultState | null,
  usdcMint: string | null,
): InvariantReport {
  const decoded = accounts.map((a) => ({ address: a.pubkey, type: a.spec.name, fields: a.fields }));
  const r = sdkInvariant(decoded, vault, usdcMint);
  return {
    vault,
    terms: r.terms,
    allocated: r.allocated,
    unallocated: r.unallocated,
    problems: r.problems.map((p) => p.message),
  };
}
