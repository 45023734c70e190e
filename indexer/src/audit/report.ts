/** The audit report as people read it: numbers aligned, every problem on its own line. */
import type { AuditReport } from "./run-audit.js";

const MAX_LISTED_PROBLEMS = 50;

function usdc(microUnits: bigint): string {
  const sign = microUnits < 0n ? "-" : "";
  const abs = microUnits < 0n ? -microUnits : microUnits;
  return `${sign}${abs / 1_000_000n}.${(abs % 1_000_000n).toString().padStart(6, "0")} USDC`;
}

export function formatReport(r: AuditReport): string {
  const out: string[] = [];
  out.push(`JustPay audit — program ${r.programId} at slot ${r.slot}, ${r.accounts} program account(s)`);
  out.push(
    "",
    "Vault invariant  vault.amount ≥ Σ agent.available + Σ job.locked + Σ campaign.pool + Σ task.locked + config.fees_accrued",
  );
  const inv = r.invariant;
  out.push(
    `  vault ${inv.vault?.address ?? "(no config)"}: ${inv.vault?.amount == null ? "n/a" : usdc(inv.vault.amount)}`,
  );
  for (const t of inv.terms)
    out.push(`  ${t.label.padEnd(30)} ${usdc(t.total).padStart(24)}  (${t.accounts} account(s))`);
  out.push(`  ${"allocated".padEnd(30)} ${usdc(inv.allocated).padStart(24)}`);
  out.push(`  ${"unallocated (surplus)".padEnd(30)} ${usdc(inv.unallocated).padStart(24)}`);
  out.push(inv.problems.length === 0 ? "  OK" : inv.problems.map((p) => `  FAIL ${p}`).join("\n"));

  if (r.undecodable.length > 0) {
    out.push("", `Undecodable program accounts (not counted): ${r.undecodable.length}`);
    for (const u of r.undecodable.slice(0, MAX_LISTED_PROBLEMS)) out.push(`  ${u.pubkey}: ${u.reason}`);
  }

  if (r.mirror) {
    const m = r.mirror;
    out.push("", `Mirror  ${m.accountsChecked} chain account(s) against ${m.rowsChecked} row(s)`);
    if (m.problems.length === 0) out.push("  OK");
    for (const p of m.problems.slice(0, MAX_LISTED_PROBLEMS)) out.push(`  FAIL ${p.type} ${p.pubkey}: ${p.problem}`);
    if (m.problems.length > MAX_LISTED_PROBLEMS) out.push(`  … and ${m.problems.length - MAX_LISTED_PROBLEMS} more`);
  } else {
    out.push("", "Mirror  not checked (no database given)");
  }
  out.push("", r.ok ? "AUDIT PASSED" : "AUDIT FAILED");
  return out.join("\n");
}
