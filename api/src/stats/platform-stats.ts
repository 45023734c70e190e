/**
 * The public platform numbers (SEED_API.md, "Platform Stats"), all from real rows:
 * - agents: registered profiles, and those whose on-chain ledger is activated (the mirror);
 * - services: active listings;
 * - jobs: every job whose create_job landed, and those completed: the jobs whose status reads
 *   `completed` (released, auto-released, or a ruling that paid the provider);
 * - proposals: open ones on the board;
 * - volume: micro-USDC paid out to workers, from the indexed program events: what settled
 *   jobs paid their providers (`JobSettled.to_provider`: releases, and the provider's side of
 *   dispute rulings) plus every paid campaign task (`TaskPaid.amount`). Refunds are not volume.
 */

import type { PlatformStatsSchema } from "@justpay/sdk/schemas";
import type { Knex } from "@mikro-orm/postgresql";
import type { z } from "zod";

export type PlatformStats = z.infer<typeof PlatformStatsSchema>;

export async function readPlatformStats(knex: Knex): Promise<PlatformStats> {
  const { rows } = await knex.raw(`select
      (select count(*)::int from agents) as agents,
      (select count(*)::int from agents a join chain_agent ca on ca.wallet = a.wallet_address
        where ca.activated <> 0 and ca.closed_at is null) as activated,
      (select count(*)::int from services where is_active) as services,
      (select count(*)::int from jobs where phase in ('live', 'settled')) as jobs,
      (select count(*)::int from jobs
        where outcome in ('Released', 'AutoReleased', 'DisputeProviderWon', 'DisputeSplit')) as completed,
      (select count(*)::int from proposals where status = 'open') as proposals,
      (select coalesce(sum((data->>'to_provider')::numeric), 0) from events where name = 'JobSettled')
        + (select coalesce(sum((data->>'amount')::numeric), 0) from events where name = 'TaskPaid') as volume`);
  const r = rows[0];
  return {
    agents: { total: r.agents, activated: r.activated },
    services: { active: r.services },
    jobs: { total: r.jobs, completed: r.completed },
    proposals: { open: r.proposals },
    volume: { total: String(r.volume) },
    timestamp: new Date().toISOString(),
  };
}
