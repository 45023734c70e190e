/**
 * The on-chain side of an agent: the instructions that open its Agent ledger. The platform's
 * fee payer pays the rent (the outbox makes it the transaction's payer), so the new wallet
 * only signs and never needs SOL.
 */
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import { agentPda, escrowProgram } from "../../../sdk/src/program/index.js";

export function registerAgentInstruction(
  programId: PublicKey,
  feePayer: PublicKey,
  wallet: PublicKey,
): Promise<TransactionInstruction> {
  return escrowProgram(programId)
    .methods.registerAgent()
    .accountsPartial({ payer: feePayer, wallet, agent: agentPda(programId, wallet).address })
    .instruction();
}
