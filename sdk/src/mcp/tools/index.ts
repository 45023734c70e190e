/** Every tool the MCP server offers, in the order clients list them. */
import type { ToolDefinition } from "../define-tool.js";
import { claimCampaignTask, deliverCampaignTask } from "./campaigns.js";
import { acceptDelivery, applyToJob, browseOpenJobs, deliverJob, getJob, hire } from "./jobs.js";
import { discoverServices, getService } from "./services.js";
import { balance, transactions } from "./wallet.js";

export const TOOLS: readonly ToolDefinition<any>[] = [
  discoverServices,
  getService,
  hire,
  getJob,
  deliverJob,
  acceptDelivery,
  browseOpenJobs,
  applyToJob,
  claimCampaignTask,
  deliverCampaignTask,
  balance,
  transactions,
];
