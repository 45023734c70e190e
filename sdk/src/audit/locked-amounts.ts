/**
 * What each account type holds of the vault, by IDL account name: the right-hand side of
 *   vault.amount ≥ Σ agent.available + Σ job.locked + Σ campaign.pool + Σ task.locked + config.fees_accrued
 * Types not on chain (yet) simply add nothing. A type the IDL has but this table does not
 * list makes the audit fail: an auditor must not silently assume a new account holds no money.
 */

type Fields = Record<string, unknown>;

export interface LockedAmount {
  /** How the term reads in the report. */
  label: string;
  amount(fields: Fields): bigint;
}

function u64(typeName: string, fields: Fields, name: string): bigint {
  const v = fields[name];
  if (v === undefined || v === null) throw new Error(`${typeName} has no field \`${name}\`; update LOCKED_AMOUNTS`);
  return BigInt(String(v));
}

const sum =
  (typeName: string, ...names: string[]) =>
  (fields: Fields): bigint =>
    names.reduce((total, n) => total + u64(typeName, fields, n), 0n);

export const LOCKED_AMOUNTS: Readonly<Record<string, LockedAmount | null>> = {
  Agent: { label: "Σ agent.available", amount: sum("Agent", "available") },
  // A job account exists only while open (terminal states close it), and holds both parts.
  Job: { label: "Σ job.locked (amount + fee)", amount: sum("Job", "amount", "fee") },
  Campaign: { label: "Σ campaign.pool", amount: sum("Campaign", "pool") },
  Task: { label: "Σ task.locked (amount + fee)", amount: sum("Task", "amount", "fee") },
  Config: { label: "config.fees_accrued", amount: sum("Config", "fees_accrued") },
  // Holds no funds: claim counters only.
  CampaignQuota: null,
};
