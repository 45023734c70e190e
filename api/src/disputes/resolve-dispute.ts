/**
 * `POST /admin/disputes/:jobId/resolve`: the arbiter's ruling (SEED_API.md: claimant wins, a
 * full refund to the client when the client filed; respondent wins; or a 50/50 split). It runs
 * resolve_dispute signed by the platform's arbiter key, then the same bookkeeping as any other
 * settlement (`recordSettlement`: the program's JobOutcome, DisputeClientWon, DisputeProviderWon
 * or DisputeSplit, lands on the job), then marks the dispute resolved and recomputes both
 * parties' trust in one transaction.
 *
 * The outbox key is one per job and the ruling is in the intent: a repeat with the same ruling
 * executes once, another ruling is a 409. When the program refuses because the account is
 * already closed (a ruling that landed before a crash), that is done, not an error.
 */

import type { DisputeRow, DisputeRuling } from "@justpay/db";
import { PublicKey } from "@solana/web3.js";
import type { AppContext } from "../context.js";
import { conflict, notFound } from "../http/http-error.js";
import { JobStore, type JobWithState } from "../jobs/job-store.js";
import { partyWallets } from "../jobs/party-wallets.js";
import { landSettlement, recordSettlement } from "../jobs/settle-job.js";
import { resolveDisputeInstruction } from "./dispute-instructions.js";
import { findDispute, recordRuling } from "./dispute-store.js";

async function resolveOnChain(ctx: AppContext, job: JobWithState, ruling: DisputeRuling): Promise<void> {
  const ix = await resolveDisputeInstruction(ctx, new PublicKey(job.job_pubkey), await partyWallets(ctx, job), ruling);
  await landSettlement(ctx, job, `dispute-resolve:${job.id}`, "resolve_dispute", ix);
}

export async function resolveDispute(
  ctx: AppContext,
  jobId: string,
  ruling: DisputeRuling,
  note: string | null,
): Promise<{ job: JobWithState; dispute: DisputeRow }> {
  const dispute = await findDispute(ctx.knex, jobId);
  if (!dispute) throw notFound("Dispute not found");
  if (dispute.status !== "open") throw conflict("This dispute is already resolved");
  const job = (await new JobStore(ctx.knex).find(jobId)) as JobWithState;
  await resolveOnChain(ctx, job, ruling);
  await recordSettlement(ctx, job);
  const resolved = await recordRuling(ctx.knex, jobId, ruling, note);
  if (!resolved) throw conflict("This dispute is already resolved");
  return { job: (await new JobStore(ctx.knex).find(jobId)) as JobWithState, dispute: resolved };
}
