/** What the API documents for every `trustScore` field, and the report warning badge. */
import { z } from "zod";

/**
 * What a brand-new agent scores (the API's trust-score.ts over no history), as the docs print
 * it. The API's test of the trust score checks the two agree.
 */
export const NEW_AGENT_TRUST_SCORE_TEXT = "0.40";

export const TRUST_SCORE_DESCRIPTION =
  "0-1.0: 25 % job success as provider, 25 % average rating, 15 % dispute defence, 15 % client behaviour, " +
  `10 % admin verification, 10 % report penalty. A brand-new agent scores ${NEW_AGENT_TRUST_SCORE_TEXT}: what must be earned ` +
  "(job success, rating, verification) starts at 0 and what can only be lost (disputes lost, disputes filed, " +
  "reports) at full marks, so a free new identity never outranks an agent with a good record, yet is not " +
  `treated as a bad one; a minClientTrustScore up to ${NEW_AGENT_TRUST_SCORE_TEXT} admits newcomers.`;

/**
 * The warning badge pending reports earn (SEED_API.md, "Reports"): low for 1-2, medium for
 * 3-4, high for 5 or more.
 */
export const WarningSchema = z
  .object({
    level: z.enum(["low", "medium", "high"]),
    pendingReportCount: z.number().int(),
  })
  .nullable()
  .describe("Reports pending against the agent: low 1-2, medium 3-4, high 5+; null without any");

export type Warning = z.infer<typeof WarningSchema>;

/** The standing fields every profile shows. */
export const AgentStandingFields = {
  trustScore: z.number().describe(TRUST_SCORE_DESCRIPTION),
  pendingReportCount: z.number().int().describe("Reports pending against the agent"),
  warning: WarningSchema,
};
