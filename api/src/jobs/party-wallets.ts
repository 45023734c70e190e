/**
 * The custodial wallets of a job's client and provider, which sign and name its ledgers. An open
 * job with nobody assigned has the zero key for a provider, as on-chain.
 */
import { PublicKey } from "@solana/web3.js";
import type { AppContext } from "../context.js";
import type { JobRow } from "./job-entity.js";

export async function partyWallets(
  ctx: AppContext,
  job: Pick<JobRow, "client_agent_id" | "provider_agent_id">,
): Promise<{ client: PublicKey; provider: PublicKey }> {
  const { rows } = await ctx.knex.raw(`select id, wallet_address from agents where id in (?, ?)`, [
    job.client_agent_id,
    job.provider_agent_id,
  ]);
  const wallet = (id: string | null) =>
    id === null ? PublicKey.default : new PublicKey(rows.find((r: { id: string }) => r.id === id).wallet_address);
  return { client: wallet(job.client_agent_id), provider: wallet(job.provider_agent_id) };
}
