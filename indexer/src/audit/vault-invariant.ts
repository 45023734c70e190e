/** The vault invariant, computed from decoded chain accounts alone (DESIGN.md §2.1). */
import type { ChainAccountState, VaultState } from "./chain-state.js";
import { LOCKED_AMOUNTS } from "./locked-amounts.js";

export interface InvariantTerm {
  type: string;
  label: string;
  accounts: number;
  total: bigint;
}

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
  const problems: string[] = [];
  const terms = new Map<string, InvariantTerm>();
  for (const a of accounts) {
    const rule = LOCKED_AMOUNTS[a.spec.name];
    if (rule === null) continue;
    if (rule === undefined) {
      problems.push(`account type ${a.spec.name} (${a.pubkey}) is not classified in LOCKED_AMOUNTS`);
      continue;
    }
    const term = terms.get(a.spec.name) ?? { type: a.spec.name, label: rule.label, accounts: 0, total: 0n };
    term.accounts += 1;
    term.total += rule.amount(a.fields);
    terms.set(a.spec.name, term);
  }
  const allocated = [...terms.values()].reduce((s, t) => s + t.total, 0n);
  const configs = accounts.filter((a) => a.spec.name === "Config").length;
  let unallocated = 0n;
  if (configs !== 1) {
    if (accounts.length > 0) problems.push(`expected exactly one Config account, found ${configs}`);
  } else if (!vault || vault.amount === null) {
    problems.push(`the vault ${vault?.address ?? "?"} is missing or is not an SPL token account`);
  } else {
    if (usdcMint && vault.mint !== usdcMint)
      problems.push(`the vault's mint ${vault.mint} is not the config's ${usdcMint}`);
    if (vault.amount < allocated) {
      problems.push(`vault holds ${vault.amount} but ${allocated} is owed: short by ${allocated - vault.amount}`);
    } else {
      unallocated = vault.amount - allocated;
    }
  }
  return { vault, terms: [...terms.values()], allocated, unallocated, problems };
}
