/**
 * Claim timeout (SEED_API.md: "Claim expires after maxExecutionTimeSecs — funds return to
 * pool"): expire_task for every undelivered task whose expires_at passed, then at once for
 * every undelivered task of a cancelled campaign (its funds go back to the owner). No signer:
 * the fee payer only pays the transaction. The outbox key is per task and shared with the
 * cancel route, so racing sweepers execute once.
 */
import { voidUndelivered } from "../../campaigns/campaign-admin.js";
import { expireTaskInstruction } from "../../campaigns/campaign-instructions.js";
import { campaignTaskSweep } from "./campaign-task-sweep.js";

export const campaignTaskExpiry = campaignTaskSweep(
  "campaign-task-expiry",
  "campaign-task-expire",
  "expire_task",
  (store, now) => store.due("Claimed", "expires_at", now),
  expireTaskInstruction,
  (ctx) => voidUndelivered(ctx),
);
