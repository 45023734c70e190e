/**
 * The seed's trust score (SEED_API.md, "Trust Score"), 0-1, as one pure function of counts.
 * This is the only place the formula lives: the API persists its result per agent
 * (`agent-reputation.ts`) and every reader (discovery, trust gates, profiles) reads that.
 *
 * | weight | component | score |
 * | --- | --- | --- |
 * | 25 % | job success as provider | completed / (completed + failed), no jobs: 0 |
 * | 25 % | average rating | (average − 1) / 4, so 1 star is 0 and 5 stars 1; no ratings: 0 |
 * | 15 % | dispute defence | 1 − lost / disputes as respondent; none: 1 |
 * | 15 % | client behaviour | dispute rate r = filed / jobs as client: 1 − r / 0.5, 0 from 50 % on; no jobs: 1 |
 * | 10 % | verification | 1 when verified, else 0 |
 * | 10 % | report penalty | 1 − pending / 5, 0 from 5 pending reports on |
 *
 * A brand-new agent scores 0.40. What has to be earned (success, rating, verification) starts
 * at 0, and what can only be lost (disputes lost, disputes filed, reports) starts at full
 * marks. A fresh identity costs nothing to make, so it must not outrank an agent with a good
 * record; yet nothing bad is known about it, so it is not at the bottom either, and a service's
 * `minClientTrustScore` up to 0.40 admits newcomers.
 */

export interface TrustInputs {
  /** Jobs completed as provider (released or auto-released). */
  completedAsProvider: number;
  /** Jobs failed as provider: expired without delivery. */
  failedAsProvider: number;
  /** Mean of the ratings received, 1-5; ignored when `ratingCount` is 0. */
  ratingAverage: number | null;
  ratingCount: number;
  /** Disputes this agent lost as respondent, and all disputes it answered as respondent. */
  disputesLostAsRespondent: number;
  disputesAsRespondent: number;
  /** Disputes this agent filed as client, and its jobs as client. */
  disputesFiledAsClient: number;
  jobsAsClient: number;
  verified: boolean;
  pendingReports: number;
}

export const TRUST_WEIGHTS = {
  successRate: 0.25,
  rating: 0.25,
  disputeDefence: 0.15,
  clientBehaviour: 0.15,
  verification: 0.1,
  reportPenalty: 0.1,
} as const;

/** A client dispute rate at or above this gives client behaviour no marks. */
const DISPUTE_RATE_FOR_ZERO = 0.5;
/** Pending reports at or above this give the report penalty no marks. */
const REPORTS_FOR_ZERO = 5;

/** What an agent without any history has: every count zero, no rating, not verified. */
export const NO_HISTORY: TrustInputs = {
  completedAsProvider: 0,
  failedAsProvider: 0,
  ratingAverage: null,
  ratingCount: 0,
  disputesLostAsRespondent: 0,
  disputesAsRespondent: 0,
  disputesFiledAsClient: 0,
  jobsAsClient: 0,
  verified: false,
  pendingReports: 0,
};

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Each component's score, 0-1, before weighting. */
export function trustComponents(i: TrustInputs): Record<keyof typeof TRUST_WEIGHTS, number> {
  const providerJobs = i.completedAsProvider + i.failedAsProvider;
  const disputeRate = i.jobsAsClient > 0 ? i.disputesFiledAsClient / i.jobsAsClient : 0;
  return {
    successRate: providerJobs > 0 ? i.completedAsProvider / providerJobs : 0,
    rating: i.ratingCount > 0 && i.ratingAverage !== null ? clamp01((i.ratingAverage - 1) / 4) : 0,
    disputeDefence: i.disputesAsRespondent > 0 ? clamp01(1 - i.disputesLostAsRespondent / i.disputesAsRespondent) : 1,
    clientBehaviour: clamp01(1 - disputeRate / DISPUTE_RATE_FOR_ZERO),
    verification: i.verified ? 1 : 0,
    reportPenalty: clamp01(1 - i.pendingReports / REPORTS_FOR_ZERO),
  };
}

/** The weighted sum, rounded to 4 decimals so that equal standings compare equal in SQL sorts. */
export function trustScore(i: TrustInputs): number {
  const parts = trustComponents(i);
  let sum = 0;
  for (const key of Object.keys(TRUST_WEIGHTS) as (keyof typeof TRUST_WEIGHTS)[]) {
    sum += TRUST_WEIGHTS[key] * parts[key];
  }
  return Math.round(sum * 10_000) / 10_000;
}
