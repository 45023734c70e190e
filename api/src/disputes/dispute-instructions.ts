/**
 * The escrow program's dispute instructions as the API sends them, built by the sdk's program
 * client. open_dispute is signed by the claimant's custodial wallet and co-signed by the
 * operator (the platform vouches that its policy, the client restriction, allows the
 * dispute); resolve_dispute by the arbiter, with the platform's fee payer as the job's rent
 * payer (as every job of the API).
 */

import type { DisputeRuling } from "@justpay/db";
import {
  buildContext,
  openDisputeInstruction as buildOpenDispute,
  resolveDisputeInstruction as buildResolveDispute,
  type DisputeOutcomeName,
} from "@justpay/sdk";
import type { PublicKey, TransactionInstruction } from "@solana/web3.js";
import type { AppContext } from "../context.js";

export function openDisputeInstruction(
  ctx: AppContext,
  claimant: PublicKey,
  job: PublicKey,
  reasonHash: Buffer,
): TransactionInstruction {
  return buildOpenDispute(
    { claimant, operator: ctx.platform.operator.publicKey, job, reasonHash },
    buildContext(ctx.chain.programId),
  );
}

/** The program's DisputeOutcome, relative to the claimant as the API's rulings are. */
const PROGRAM_RULING: Record<DisputeRuling, DisputeOutcomeName> = {
  claimant: "claimantWins",
  respondent: "respondentWins",
  split: "split",
};

export function resolveDisputeInstruction(
  ctx: AppContext,
  job: PublicKey,
  parties: { client: PublicKey; provider: PublicKey },
  ruling: DisputeRuling,
): TransactionInstruction {
  return buildResolveDispute(
    {
      arbiter: ctx.platform.arbiter.publicKey,
      job,
      ...parties,
      rentPayer: ctx.platform.feePayer.publicKey,
      outcome: PROGRAM_RULING[ruling],
    },
    buildContext(ctx.chain.programId),
  );
}
