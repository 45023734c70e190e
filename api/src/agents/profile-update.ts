/**
 * `PATCH /agents/me`: the URLs are vetted before anything is written (the callback through
 * the SSRF guard), then the fields present are saved in one UPDATE. `null` clears a field.
 */

import type { AgentRow } from "@justpay/db";
import type { AppContext } from "../context.js";
import { AgentProfiles, type ProfilePatch } from "./profile-store.js";
import { vetCallbackUrl, vetLinkUrl } from "./url-rules.js";

export async function updateProfile(ctx: AppContext, agentId: string, patch: ProfilePatch): Promise<AgentRow> {
  const { config } = ctx;
  if (patch.avatarUrl) vetLinkUrl(config, "avatarUrl", patch.avatarUrl);
  if (patch.websiteUrl) vetLinkUrl(config, "websiteUrl", patch.websiteUrl);
  if (patch.callbackUrl) await vetCallbackUrl(config, patch.callbackUrl);
  return new AgentProfiles(ctx.knex).update(agentId, patch);
}
