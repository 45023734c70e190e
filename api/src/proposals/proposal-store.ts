/**
 * Writing and reading the proposals board. Creation serialises per agent (a lock on the
 * agent's row) so that the "10 open proposals" cap holds under concurrent requests; the
 * unique `title_key` makes a duplicate title a 409 however the race falls.
 */

import type { ProposalCategory, ProposalRow, ProposalStatus } from "@justpay/db";
import type { Knex } from "@mikro-orm/postgresql";
import { newId } from "../db/ids.js";
import { conflict, notFound } from "../http/http-error.js";
import type { ProposalListing } from "./proposal-view.js";

export const MAX_OPEN_PER_AGENT = 10;

const UNIQUE_VIOLATION = "23505";

export interface NewProposal {
  title: string;
  description: string;
  category: ProposalCategory;
}

/** What makes two titles the same: case and runs of whitespace do not count. */
export function titleKey(title: string): string {
  return title.trim().replace(/\s+/g, " ").toLowerCase();
}

export async function createProposal(knex: Knex, agentId: string, input: NewProposal): Promise<ProposalListing> {
  try {
    const id = await knex.transaction(async (trx) => {
      await trx.raw(`select 1 from agents where id = ? for update`, [agentId]);
      const { rows } = await trx.raw(
        `select count(*)::int as n from proposals where agent_id = ? and status = 'open'`,
        [agentId],
      );
      if (rows[0].n >= MAX_OPEN_PER_AGENT)
        throw conflict(`You already have ${MAX_OPEN_PER_AGENT} open proposals, the most allowed`);
      const row = {
        id: newId(),
        agent_id: agentId,
        title: input.title.trim(),
        title_key: titleKey(input.title),
        description: input.description.trim(),
        category: input.category,
      };
      await trx("proposals").insert(row);
      return row.id;
    });
    return (await findProposal(knex, id, agentId)) as ProposalListing;
  } catch (e) {
    if ((e as { code?: string }).code === UNIQUE_VIOLATION)
      throw conflict("A proposal with this title exists already; vote for it instead");
    throw e;
  }
}

export interface ProposalQuery {
  sort: "votes" | "recent";
  status?: ProposalStatus;
  category?: ProposalCategory;
  page: number;
  limit: number;
  /** The authenticated reader, for `has_voted`. */
  viewerId?: string;
}

function listingColumns(knex: Knex, viewerId: string | undefined) {
  const hasVoted = viewerId
    ? knex.raw(`exists (select 1 from proposal_votes v where v.proposal_id = p.id and v.agent_id = ?) as has_voted`, [
        viewerId,
      ])
    : knex.raw(`null as has_voted`);
  return ["p.*", "a.name as agent_name", hasVoted];
}

export async function listProposals(knex: Knex, q: ProposalQuery): Promise<{ rows: ProposalListing[]; total: number }> {
  const filtered = knex("proposals as p").modify((b) => {
    if (q.status) b.where("p.status", q.status);
    if (q.category) b.where("p.category", q.category);
  });
  const counted = (await filtered.clone().count({ total: "*" })) as { total: string }[];
  const total = Number(counted[0]?.total ?? 0);
  const order =
    q.sort === "votes"
      ? [
          { column: "p.vote_count", order: "desc" as const },
          { column: "p.created_at", order: "desc" as const },
        ]
      : [{ column: "p.created_at", order: "desc" as const }];
  const rows = await filtered
    .join("agents as a", "a.id", "p.agent_id")
    .select(listingColumns(knex, q.viewerId))
    .orderBy([...order, { column: "p.id", order: "desc" }])
    .limit(q.limit)
    .offset((q.page - 1) * q.limit);
  return { rows: rows as ProposalListing[], total };
}

export async function findProposal(knex: Knex, id: string, viewerId?: string): Promise<ProposalListing | undefined> {
  const row = await knex("proposals as p")
    .join("agents as a", "a.id", "p.agent_id")
    .where("p.id", id)
    .first(listingColumns(knex, viewerId));
  return row as ProposalListing | undefined;
}

/** The admin's decision on a proposal; any status may follow any other (a decline can be revisited). */
export async function setProposalStatus(knex: Knex, id: string, status: ProposalStatus): Promise<ProposalListing> {
  const updated = await knex("proposals").where({ id }).update({ status, updated_at: knex.fn.now() });
  if (updated === 0) throw notFound("Proposal not found");
  return (await findProposal(knex, id)) as ProposalListing;
}

export type { ProposalRow };
