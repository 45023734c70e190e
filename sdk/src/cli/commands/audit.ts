/**
 * `audit`: checks from chain data alone, over JSON-RPC, that the vault holds every micro-USDC
 * the program owes (`auditVault`). No API and no database are involved, so anyone can run it
 * against any cluster. Exits 1 when the audit fails.
 */
import type { Command } from "commander";
import type { CliApp } from "../app.js";
import { CliError, UsageError } from "../errors.js";
import { fields } from "../output.js";
import { withSpinner } from "../spinner.js";
import { renderTable } from "../table.js";
import { showMicro } from "./values.js";

const RPC_TIMEOUT_MS = 30_000;

/** fetch's "fetch failed" says nothing; its cause (ECONNREFUSED, a timeout) does. */
function rpcFailure(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as { cause?: { code?: unknown; message?: unknown } }).cause;
  const detail = typeof cause?.code === "string" ? cause.code : typeof cause?.message === "string" ? cause.message : "";
  const first = e.message.split("\n")[0] ?? e.message;
  return detail && !first.includes(detail) ? `${first} (${detail})` : first;
}

export function registerAuditCommand(program: Command, app: CliApp): void {
  program
    .command("audit")
    .description("audit the on-chain vault: every escrowed and deposited micro-USDC must be backed")
    .option("--rpc <url>", "Solana JSON-RPC URL (default: SOLANA_RPC_URL)")
    .option("--program-id <address>", "the escrow program (default: JUSTPAY_PROGRAM_ID, then the built program's id)")
    .action(
      app.action<{ rpc?: string; programId?: string }>(async (ctx, _args, o) => {
        const rpc = o.rpc ?? ctx.env.SOLANA_RPC_URL;
        if (!rpc)
          throw new UsageError(
            "audit needs a Solana RPC URL: pass --rpc <url> or set SOLANA_RPC_URL (`npm start` serves the local chain at http://127.0.0.1:8899)",
          );
        // web3.js and the program client are loaded only here: the other commands start faster without them.
        const [{ Connection, PublicKey }, { auditVault }, { PROGRAM_ID }] = await Promise.all([
          import("@solana/web3.js"),
          import("../../audit/index.js"),
          import("../../program/index.js"),
        ]);
        const idText = o.programId ?? ctx.env.JUSTPAY_PROGRAM_ID;
        let programId = PROGRAM_ID;
        if (idText) {
          try {
            programId = new PublicKey(idText);
          } catch {
            throw new UsageError(`--program-id is not a Solana address: ${idText}`);
          }
        }
        // web3.js waits forever for an RPC node that never answers; each request gets a deadline instead.
        const connection = new Connection(rpc, {
          commitment: "confirmed",
          fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(RPC_TIMEOUT_MS) }),
        });
        const report = await withSpinner(ctx.out, ctx.io.stderr, `reading program accounts from ${rpc}`, () =>
          auditVault(connection, programId).catch((e: unknown) => {
            throw new CliError(`cannot read the chain at ${rpc}: ${rpcFailure(e)}`);
          }),
        );
        ctx.out.result(report, () =>
          [
            `Vault audit ${report.ok ? "PASSED" : "FAILED"} at slot ${report.slot}`,
            fields([
              ["program", report.programId],
              ["config", report.config],
              ["vault", report.vault?.address ?? null],
              ["vault holds", report.vault?.amount != null ? showMicro(report.vault.amount) : null],
              ["owed", showMicro(report.allocated)],
              ["surplus", showMicro(report.surplus)],
              ["accounts read", report.accounts],
            ]),
            renderTable(report.totals, [
              { header: "OWED AS", cell: (t) => t.label },
              { header: "ACCOUNTS", cell: (t) => String(t.accounts) },
              { header: "MICRO-USDC", cell: (t) => t.total.toString() },
            ]),
            ...report.problems.map((p) => `PROBLEM: ${p.message}`),
          ].join("\n"),
        );
        if (report.accounts === 0)
          ctx.out.note(
            `warning: program ${report.programId} has no accounts at all on ${rpc}: is --program-id right, and is this the cluster it runs on?`,
          );
        if (!report.ok)
          throw new CliError(
            `the vault audit failed with ${report.problems.length} problem(s): ${report.problems[0]?.message ?? "see above"}`,
          );
      }),
    );
}
