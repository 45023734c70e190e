/**
 * Review timeout (SEED_API.md: "Manual review expires after reviewTimeoutSecs — auto-accepted"):
 * accept_task by the fee payer, the program's "anyone" from review_by, for every delivered task
 * the owner neither accepted nor rejected in time. The agent is paid, the fee goes to the platform.
 */
import { acceptTaskInstruction } from "../../campaigns/campaign-instructions.js";
import { campaignTaskSweep } from "./campaign-task-sweep.js";

export const campaignReviewTimeout = campaignTaskSweep(
  "campaign-review-timeout",
  "campaign-task-review-timeout",
  "accept_task",
  (store, now) => store.due("Delivered", "review_by", now),
  (ctx, accounts) => acceptTaskInstruction(ctx, accounts, ctx.platform.feePayer.publicKey),
);
