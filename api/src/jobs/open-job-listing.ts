/**
 * The public marketplace of open jobs (SEED_API.md, "Browse Open Jobs"): jobs whose account is
 * Open on-chain and whose application window has not passed at the chain's time, soonest to
 * close first, with the client's name and trust score (the provider-reputation relation, the
 * one source of trust scores).
 */

import type { OpenJobListing } from "@justpay/sdk/schemas";
import type { z } from "zod";
import type { AppContext } from "../context.js";
import { providerReputationSql } from "../services/provider-reputation.js";

interface ListingRow {
  id: string;
  title: string;
  description: string;
  category: string;
  amount: string;
  apply_by: Date;
  applications: number;
  client_agent_id: string;
  client_name: string;
  trust_score: number;
  created_at: Date;
}

export interface OpenJobQuery {
  category?: string;
  page: number;
  limit: number;
}

export async function listOpenJobs(ctx: AppContext, q: OpenJobQuery) {
  const now = Number(await ctx.chain.unixTime());
  const base = ctx.knex
    .from("jobs as j")
    .join("chain_job as cj", "cj.pubkey", "j.job_pubkey")
    .where({ "j.type": "open", "j.phase": "live", "cj.status": "Open" })
    .whereNull("cj.closed_at")
    .where("cj.apply_by", ">=", now)
    .modify((b) => {
      if (q.category) b.whereRaw("lower(j.category) = lower(?)", [q.category.trim()]);
    });
  const [{ count }] = await base.clone().count({ count: "*" });
  const rows = (await base
    .join("agents as a", "a.id", "j.client_agent_id")
    .join(ctx.knex.raw(`(${providerReputationSql()}) as r on r.agent_id = j.client_agent_id`))
    .select(
      "j.id",
      "j.title",
      "j.description",
      "j.category",
      "j.amount",
      "j.apply_by",
      "j.client_agent_id",
      "j.created_at",
      "a.name as client_name",
      "r.trust_score",
      ctx.knex.raw("(select count(*)::int from job_applications ap where ap.job_id = j.id) as applications"),
    )
    .orderBy([
      { column: "j.apply_by", order: "asc" },
      { column: "j.id", order: "asc" },
    ])
    .limit(q.limit)
    .offset((q.page - 1) * q.limit)) as ListingRow[];
  const jobs = rows.map((r): z.infer<typeof OpenJobListing> => {
    const applyBy = new Date(r.apply_by);
    return {
      id: r.id,
      title: r.title,
      description: r.description,
      category: r.category,
      budget: String(r.amount),
      applyBy: applyBy.toISOString(),
      timeRemainingSecs: Math.max(0, Math.floor(applyBy.getTime() / 1000) - now),
      applications: r.applications,
      client: { id: r.client_agent_id, name: r.client_name, trustScore: Number(r.trust_score) },
      createdAt: new Date(r.created_at).toISOString(),
    };
  });
  return { jobs, total: Number(count) };
}
