/**
 * The vault invariant, computed from decoded program accounts alone (docs/program.md,
 * "Invariant"). The SDK's `auditVault` and the indexer's `justpay audit` both call this, so
 * the two can never disagree on what is owed.
 */
import { LOCKED_AMOUNTS } from "./locked-amounts.js";

/** A program account decoded with the raw (snake_case) IDL. */
export interface DecodedProgramAccount {
  address: string;
  /** The IDL account name: Agent, Job, Campaign, Task, Config, CampaignQuota. */
  type: string;
  fields: Record<string, unknown>;
}

/** The vault token account as read from chain; `amount` null when it is not an SPL token account. */
export interface VaultState {
  address: string;
  amount: bigint | null;
  mint: string | null;
  /** The token account's owner (authority), which must be the config PDA. */
  owner?: string | null;
}

export interface InvariantTerm {
  type: string;
  label: string;
  accounts: number;
  total: bigint;
}

export interface InvariantProblem {
  /** The account the problem is about, when it is about one. */
  address: string | null;
  message: string;
}

export interface InvariantResult {
  terms: InvariantTerm[];
  allocated: bigint;
  /** vault.amount − allocated when positive: tokens sent straight to the vault, owed to nobody. */
  unallocated: bigint;
  problems: InvariantProblem[];
}

function sumTerms(accounts: readonly DecodedProgramAccount[], problems: InvariantProblem[]): InvariantTerm[] {
  const terms = new Map<string, InvariantTerm>();
  for (const a of accounts) {
    const rule = LOCKED_AMOUNTS[a.type];
    if (rule === null) continue;
    if (rule === undefined) {
      problems.push({
        address: a.address,
        message: `account type ${a.type} (${a.address}) is not classified in LOCKED_AMOUNTS`,
      });
      continue;
    }
    const term = terms.get(a.type) ?? { type: a.type, label: rule.label, accounts: 0, total: 0n };
    term.accounts += 1;
    term.total += rule.amount(a.fields);
    terms.set(a.type, term);
  }
  return [...terms.values()];
}

export function checkVaultInvariant(
  accounts: readonly DecodedProgramAccount[],
  vault: VaultState | null,
  usdcMint: string | null,
): InvariantResult {
  const problems: InvariantProblem[] = [];
  const terms = sumTerms(accounts, problems);
  const allocated = terms.reduce((s, t) => s + t.total, 0n);
  const configs = accounts.filter((a) => a.type === "Config").length;
  let unallocated = 0n;
  if (configs !== 1) {
    if (accounts.length > 0)
      problems.push({ address: null, message: `expected exactly one Config account, found ${configs}` });
  } else if (!vault || vault.amount === null) {
    problems.push({
      address: vault?.address ?? null,
      message: `the vault ${vault?.address ?? "?"} is missing or is not an SPL token account`,
    });
  } else {
    if (usdcMint && vault.mint !== usdcMint)
      problems.push({
        address: vault.address,
        message: `the vault's mint ${vault.mint} is not the config's ${usdcMint}`,
      });
    if (vault.amount < allocated) {
      problems.push({
        address: vault.address,
        message: `vault holds ${vault.amount} but ${allocated} is owed: short by ${allocated - vault.amount}`,
      });
    } else {
      unallocated = vault.amount - allocated;
    }
  }
  return { terms, allocated, unallocated, problems };
}
