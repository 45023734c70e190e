/** What the deploy command prints: a line per step and chunk, the summary, the cost estimate. */

import { PROGRAM_ACCOUNT_LEN, PROGRAM_DATA_METADATA_LEN } from "../program/index.js";
import type { DeployPlatformResult } from "./deploy-platform.js";
import { type DeployEvent, rentExempt } from "./deploy-program.js";
import { BUFFER_METADATA_LEN } from "./loader-instructions.js";

export interface Summary extends DeployPlatformResult {
  programKeypairPath: string;
  payerKeypairPath: string;
  /** As given to --rpc: a url, "env" or "local:<dir>". */
  rpc: string;
}

/** Fees are a rounding error next to rent: 5 000 lamports a signature, two per Write at most. */
const FEES_ALLOWANCE = 5_000n * 2n * 200n;

/**
 * SOL a deployment holds at its peak: the buffer and the ProgramData both exist for the
 * moment of DeployWithMaxDataLen (the buffer's rent comes back right after), plus the config
 * bootstrap's accounts, which are small.
 */
export function estimateDeployLamports(elfLength: number, maxDataLen: number): bigint {
  return (
    rentExempt(BUFFER_METADATA_LEN + elfLength) +
    rentExempt(PROGRAM_DATA_METADATA_LEN + maxDataLen) +
    rentExempt(PROGRAM_ACCOUNT_LEN) +
    3n * rentExempt(400) +
    FEES_ALLOWANCE
  );
}

export function formatEvent(e: DeployEvent): string {
  switch (e.step) {
    case "buffer":
      return `buffer ${e.buffer.toBase58()}: ${e.action}`;
    case "chunk": {
      const where = `chunk ${String(e.index + 1).padStart(String(e.total).length)}/${e.total} at ${e.offset} (${e.length} bytes)`;
      return e.action === "skipped" ? `${where}: already on-chain` : `${where}: written ${e.signature ?? ""}`.trimEnd();
    }
    case "extended":
      return `ProgramData extended by ${e.bytes} bytes for the larger binary: ${e.signature}`;
    case "deployed":
      return `deployed in slot ${e.slot}: ${e.signature}`;
    case "upgraded":
      return `upgraded in slot ${e.slot}: ${e.signature}`;
  }
}

export function formatSummary(s: Summary): string[] {
  const { program, platform } = s;
  const id = program.programId.toBase58();
  return [
    "",
    `program           ${id} (${program.status === "deployed" ? "deployed now" : "already deployed, unchanged"})`,
    `program keypair   ${s.programKeypairPath} (keep it secret until deployed; never commit it)`,
    `programdata       ${program.programData.toBase58()}`,
    `upgrade authority ${program.upgradeAuthority?.toBase58() ?? "none (immutable)"}`,
    `chunks            ${program.chunks.total} (written ${program.chunks.written}, already on-chain ${program.chunks.skipped})`,
    `config            ${platform.config.toBase58()} (${platform.created ? "initialized now" : "already initialized"})`,
    `usdc mint         ${platform.usdcMint.toBase58()}`,
    `vault             ${platform.vault.toBase58()}`,
    `treasury          ${platform.treasury.toBase58()}`,
    ...(s.rpc.startsWith("local:") ? [] : ["", `Run the API against it: ${apiEnvironment(s)} npm start`]),
  ];
}

/** The variables the API needs to run against what was just deployed. */
function apiEnvironment(s: Summary): string {
  const rpc = s.rpc === "env" ? "" : `SOLANA_RPC_URL=${s.rpc} `;
  return `${rpc}SOLANA_PAYER_KEYPAIR=${s.payerKeypairPath} JUSTPAY_PROGRAM_ID=${s.program.programId.toBase58()} JUSTPAY_USDC_MINT=${s.platform.usdcMint.toBase58()}`;
}
