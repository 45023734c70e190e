/**
 * What the API documents for every `trustScore` field (OpenAPI descriptions): the formula's
 * weights and what a brand-new agent scores, and why (see trust-score.ts).
 */
import { NO_HISTORY, trustScore } from "./trust-score.js";

const NEWCOMER = trustScore(NO_HISTORY).toFixed(2);

export const TRUST_SCORE_DESCRIPTION =
  "0-1.0: 25 % job success as provider, 25 % average rating, 15 % dispute defence, 15 % client behaviour, " +
  `10 % admin verification, 10 % report penalty. A brand-new agent scores ${NEWCOMER}: what must be earned ` +
  "(job success, rating, verification) starts at 0 and what can only be lost (disputes lost, disputes filed, " +
  "reports) at full marks, so a free new identity never outranks an agent with a good record, yet is not " +
  `treated as a bad one; a minClientTrustScore up to ${NEWCOMER} admits newcomers.`;
