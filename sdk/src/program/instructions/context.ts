/** What every builder needs besides its own arguments: the program (its id) and the config PDA. */
import type { Program } from "@coral-xyz/anchor";
import type { PublicKey } from "@solana/web3.js";
import { escrowProgram } from "../coder.js";
import type { JustpayEscrow } from "../idl.js";
import { agentPda, configPda } from "../pdas.js";

export interface BuildContext {
  program: Program<JustpayEscrow>;
  programId: PublicKey;
  config: PublicKey;
  /** An agent's ledger PDA, `["agent", wallet]`. */
  ledger(wallet: PublicKey): PublicKey;
}

const contexts = new Map<string, BuildContext>();

export function buildContext(programId?: PublicKey): BuildContext {
  const program = escrowProgram(programId);
  const key = program.programId.toBase58();
  let ctx = contexts.get(key);
  if (!ctx) {
    const id = program.programId;
    ctx = { program, programId: id, config: configPda(id).address, ledger: (w) => agentPda(id, w).address };
    contexts.set(key, ctx);
  }
  return ctx;
}
