/**
 * `auditVault`: the vault invariant from a web3.js Connection alone, with no API and no
 * database, so anyone can check that every escrowed micro-USDC is backed:
 *
 *   vault.amount ≥ Σ agent.available + Σ job.amount + fee + Σ campaign.pool
 *                 + Σ task.amount + fee + config.fees_accrued
 *
 * Anyone may send tokens to the vault, so more is fine and is reported as surplus. An
 * account the audit cannot decode fails it: it might hold money the sum leaves out.
 *
 * getProgramAccounts answers at one slot, but the vault is a second read, and a deposit or
 * withdrawal in between would look like a shortfall. Every instruction that moves the vault
 * moves the ledgers' sum by as much, so the vault is read before and after the accounts:
 * equal reads mean the accounts saw the same vault. Otherwise the audit reads again.
 */
import { type Connection, PublicKey } from "@solana/web3.js";
import { configPda } from "../program/pdas.js";
import { ProgramAccountDecoder } from "./account-decoder.js";
import { readProgramAccounts, type UndecodableAccount } from "./program-accounts.js";
import { vaultState } from "./vault-account.js";
import { checkVaultInvariant, type InvariantProblem, type InvariantTerm, type VaultState } from "./vault-invariant.js";

export interface VaultAuditReport {
  ok: boolean;
  programId: string;
  /** The slot of the program accounts read. */
  slot: number;
  config: string;
  vault: VaultState | null;
  /** One entry per account type that holds money, with its account count and sum. */
  totals: InvariantTerm[];
  allocated: bigint;
  /** Tokens in the vault owed to nobody (direct transfers); never negative. */
  surplus: bigint;
  accounts: number;
  undecodable: UndecodableAccount[];
  problems: InvariantProblem[];
}

export async function auditVault(connection: Connection, programId: PublicKey): Promise<VaultAuditReport> {
  const decoder = new ProgramAccountDecoder();
  const state = await readProgramAccounts(connection, programId, decoder);
  const config = configPda(programId).address.toBase58();
  const problems: InvariantProblem[] = state.undecodable.map((u) => ({
    address: u.address,
    message: `program account ${u.address} cannot be decoded (${u.reason}), so what it holds is unknown`,
  }));
  const configAccount = state.accounts.find((a) => a.type === "Config");
  if (configAccount && configAccount.address !== config)
    problems.push({
      address: configAccount.address,
      message: `a Config at ${configAccount.address}, not at the PDA ${config}`,
    });

  let vault: VaultState | null = null;
  if (configAccount) {
    const address = String(configAccount.fields.vault);
    vault = vaultState(address, await connection.getAccountInfo(new PublicKey(address)));
    if (vault.owner && vault.owner !== config)
      problems.push({ address, message: `the vault's token owner is ${vault.owner}, not the config PDA ${config}` });
  }
  const usdcMint = configAccount ? String(configAccount.fields.usdc_mint) : null;
  const invariant = checkVaultInvariant(state.accounts, vault, usdcMint);
  problems.push(...invariant.problems);
  return {
    ok: problems.length === 0,
    programId: programId.toBase58(),
    slot: state.slot,
    config,
    vault,
    totals: invariant.terms,
    allocated: invariant.allocated,
    surplus: invariant.unallocated,
    accounts: state.accounts.length + state.undecodable.length,
    undecodable: state.undecodable,
    problems,
  };
}
