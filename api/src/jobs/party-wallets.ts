/**
 * The custodial wallets of a job's client and provider, which sign and name its ledgers. An open
 * job with nobody assigned has the zero key for a provider, as on-chain. An agent's wallet is
 * fixed when it registers, so each is read once per process and remembered (bounded).
 */

import type { JobRow } from "@justpay/db";
import { PublicKey } from "@solana/web3.js";
import type { AppContext } from "../context.js";
import { LruMap } from "../runtime/lru-map.js";

const walletOfAgent = new LruMap<string, PublicKey>(50_000);
const agentOfWallet = new LruMap<string, string>(50_000);

/** The agent whose custodial wallet `wallet` is; null for any other key (never remembered). */
export async function agentByWallet(ctx: AppContext, wallet: unknown): Promise<string | null> {
  if (typeof wallet !== "string") return null;
  const known = agentOfWallet.get(wallet);
  if (known) return known;
  const { rows } = await ctx.knex.raw(`select id from agents where wallet_address = ?`, [wallet]);
  const id: string | undefined = rows[0]?.id;
  if (id) agentOfWallet.set(wallet, id);
  return id ?? null;
}

export async function partyWallets(
  ctx: AppContext,
  job: Pick<JobRow, "client_agent_id" | "provider_agent_id">,
): Promise<{ client: PublicKey; provider: PublicKey }> {
  const ids = [job.client_agent_id, job.provider_agent_id].filter(
    (id): id is string => id !== null && !walletOfAgent.get(id),
  );
  if (ids.length > 0) {
    const { rows } = await ctx.knex.raw(`select id, wallet_address from agents where id = any(?)`, [ids]);
    for (const r of rows as { id: string; wallet_address: string }[])
      walletOfAgent.set(r.id, new PublicKey(r.wallet_address));
  }
  const wallet = (id: string | null) => {
    if (id === null) return PublicKey.default;
    const known = walletOfAgent.get(id);
    if (!known) throw new Error(`agent ${id} of a job has no wallet`);
    return known;
  };
  return { client: wallet(job.client_agent_id), provider: wallet(job.provider_agent_id) };
}
