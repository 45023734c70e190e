/** Every `justpay` command, in the order `justpay --help` lists them. */
import type { Command } from "commander";
import type { CliApp } from "../app.js";
import { registerAuditCommand } from "./audit.js";
import { registerAuthCommands } from "./auth.js";
import { registerCampaignCommands } from "./campaigns.js";
import { registerJobCommands } from "./jobs.js";
import { registerMcpCommand } from "./mcp.js";
import { registerOpenJobCommands } from "./open-jobs.js";
import { registerServiceCommands } from "./services.js";
import { registerWalletCommands } from "./wallet.js";
import { registerWebhookCommands } from "./webhooks.js";

export function registerCommands(program: Command, app: CliApp): void {
  registerAuthCommands(program, app);
  registerWalletCommands(program, app);
  registerServiceCommands(program, app);
  registerJobCommands(program, app);
  registerOpenJobCommands(program, app);
  registerCampaignCommands(program, app);
  registerWebhookCommands(program, app);
  registerAuditCommand(program, app);
  registerMcpCommand(program, app);
}
