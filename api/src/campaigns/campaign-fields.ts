/**
 * A "Create a Campaign" request with the seed's defaults filled in. The request's schema, with
 * every limit, is the wire's (`@justpay/sdk/schemas`, campaigns.ts). The program checks the
 * on-chain ranges again and has the last word (InvalidCampaignParams); what only the API keeps
 * (title, description, category, tags, taskDescription, callbackUrl, minTrustScore) is checked
 * by the schema alone.
 */
import { CAMPAIGN_DEFAULTS, type CreateCampaignRequest } from "@justpay/sdk/schemas";

export { CAMPAIGN_DEFAULTS, type CreateCampaignRequest };

/** The request with the seed's defaults filled in. */
export function withDefaults(r: CreateCampaignRequest) {
  return {
    ...r,
    tags: [...new Set(r.tags ?? [])],
    maxPerAgent: r.maxPerAgent === undefined ? CAMPAIGN_DEFAULTS.maxPerAgent : r.maxPerAgent,
    dailyLimitPerAgent: r.dailyLimitPerAgent ?? CAMPAIGN_DEFAULTS.dailyLimitPerAgent,
    minTrustScore: r.minTrustScore ?? CAMPAIGN_DEFAULTS.minTrustScore,
    autoAccept: r.autoAccept ?? CAMPAIGN_DEFAULTS.autoAccept,
    reviewTimeoutSecs: r.reviewTimeoutSecs ?? CAMPAIGN_DEFAULTS.reviewTimeoutSecs,
    maxExecutionTimeSecs: r.maxExecutionTimeSecs ?? CAMPAIGN_DEFAULTS.maxExecutionTimeSecs,
    maxConcurrentClaims: r.maxConcurrentClaims ?? CAMPAIGN_DEFAULTS.maxConcurrentClaims,
    durationDays: r.durationDays ?? CAMPAIGN_DEFAULTS.durationDays,
  };
}

export type CampaignTermsRequest = ReturnType<typeof withDefaults>;
