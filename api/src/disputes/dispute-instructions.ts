/**
 * The escrow program's dispute instructions as the API sends them. open_dispute is signed by
 * the claimant's custodial wallet and co-signed by the operator (the platform vouches that
 * its policy, the client restriction, allows the dispute); resolve_dispute by the arbiter,
 * with the platform's fee payer as the job's rent payer (as every job of the API).
 */

import type { DisputeRuling } from "@justpay/db";
import { agentPda, escrowProgram } from "@justpay/sdk";
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import type { AppContext } from "../context.js";

const program = (ctx: AppContext) => escrowProgram(ctx.chain.programId);
const ledgerOf = (ctx: AppContext, wallet: PublicKey) => agentPda(ctx.chain.programId, wallet).address;

export function openDisputeInstruction(
  ctx: AppContext,
  claimant: PublicKey,
  job: PublicKey,
  reasonHash: Buffer,
): Promise<TransactionInstruction> {
  return program(ctx)
    .methods.openDispute([...reasonHash])
    .accountsPartial({
      claimant,
      operator: ctx.platform.operator.publicKey,
      claimantAgent: ledgerOf(ctx, claimant),
      job,
      config: ctx.platform.config,
    })
    .instruction();
}

/** The program's DisputeOutcome, relative to the claimant as the API's rulings are. */
const PROGRAM_RULING = {
  claimant: { claimantWins: {} },
  respondent: { respondentWins: {} },
  split: { split: {} },
} as const;

export function resolveDisputeInstruction(
  ctx: AppContext,
  job: PublicKey,
  parties: { client: PublicKey; provider: PublicKey },
  ruling: DisputeRuling,
): Promise<TransactionInstruction> {
  return program(ctx)
    .methods.resolveDispute(PROGRAM_RULING[ruling] as never)
    .accountsPartial({
      arbiter: ctx.platform.arbiter.publicKey,
      job,
      clientAgent: ledgerOf(ctx, parties.client),
      providerAgent: ledgerOf(ctx, parties.provider),
      config: ctx.platform.config,
      rentPayer: ctx.platform.feePayer.publicKey,
    })
    .instruction();
}
