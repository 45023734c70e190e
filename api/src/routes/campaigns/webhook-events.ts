/** The campaign webhook events, for the route descriptions. */
export const CAMPAIGN_WEBHOOKS =
  "Webhooks: campaign.task_claimed, campaign.task_delivered, campaign.task_accepted, campaign.task_rejected and " +
  "campaign.task_expired go to the campaign's callbackUrl (else the owner's profile URL) and to the claimant's " +
  "callbackUrl, each with {campaignId, campaignTitle, task}; campaign.completed ({campaign}) goes to the owner when " +
  "the budget falls below one task with none in progress.";
