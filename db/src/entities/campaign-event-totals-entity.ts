/**
 * `campaign_event_totals`: per campaign account, the tasks paid and the micro-USDC topped up,
 * kept by triggers on `events` in the indexer's own transaction (see the migration
 * 20261203130000), so reading a campaign does not aggregate its whole event history.
 */
import { EntitySchema } from "@mikro-orm/core";

export interface CampaignEventTotalsRow {
  /** The campaign account, base58. */
  campaign: string;
  tasks_paid: number;
  topped_up: string;
}

export const CampaignEventTotals = new EntitySchema<CampaignEventTotalsRow>({
  name: "CampaignEventTotals",
  tableName: "campaign_event_totals",
  properties: {
    campaign: { type: "string", columnType: "text", primary: true },
    tasks_paid: { type: "integer", columnType: "integer", default: 0 },
    topped_up: { type: "string", columnType: "numeric", default: 0 },
  },
});
