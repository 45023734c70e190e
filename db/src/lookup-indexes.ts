/**
 * Account-key columns the API looks rows up by (an agent's jobs, a campaign's tasks...).
 * Keyed by IDL account name; names of types or fields not in the IDL yet are ignored, so
 * entries may be written ahead of the program. Every index costs write throughput, hence a
 * list rather than "index every pubkey".
 */
export const LOOKUP_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  Agent: ["wallet"],
  Job: ["client", "provider"],
  Campaign: ["owner"],
  Task: ["campaign", "agent"],
  CampaignQuota: ["campaign", "agent"],
};
