/**
 * Votes on proposals: one per agent per proposal, never on your own, only while the proposal
 * is open. Each vote locks its proposal's row, so concurrent votes queue up and `vote_count`
 * always equals the number of vote rows.
 */

import type { ProposalRow } from "@justpay/db";
import type { Knex } from "@mikro-orm/postgresql";
import { conflict, forbidden, notFound } from "../http/http-error.js";

async function lockOpenProposal(trx: Knex, id: string, action: string): Promise<ProposalRow> {
  const { rows } = await trx.raw(`select * from proposals where id = ? for update`, [id]);
  const proposal = rows[0] as ProposalRow | undefined;
  if (!proposal) throw notFound("Proposal not found");
  if (proposal.status !== "open") throw conflict(`Cannot ${action}: the proposal is ${proposal.status}, not open`);
  return proposal;
}

/** Adds the agent's vote and answers the new count. */
export function vote(knex: Knex, proposalId: string, agentId: string): Promise<number> {
  return knex.transaction(async (trx) => {
    const proposal = await lockOpenProposal(trx, proposalId, "vote");
    if (proposal.agent_id === agentId) throw forbidden("You cannot vote on your own proposal");
    const inserted = await trx.raw(
      `insert into proposal_votes (proposal_id, agent_id) values (?, ?) on conflict do nothing`,
      [proposalId, agentId],
    );
    if (inserted.rowCount === 0) throw conflict("You already voted for this proposal");
    return bumpCount(trx, proposalId, 1);
  });
}

/** Removes the agent's vote and answers the new count. */
export function unvote(knex: Knex, proposalId: string, agentId: string): Promise<number> {
  return knex.transaction(async (trx) => {
    await lockOpenProposal(trx, proposalId, "remove a vote");
    const deleted = await trx("proposal_votes").where({ proposal_id: proposalId, agent_id: agentId }).del();
    if (deleted === 0) throw conflict("You have not voted for this proposal");
    return bumpCount(trx, proposalId, -1);
  });
}

async function bumpCount(trx: Knex, id: string, by: 1 | -1): Promise<number> {
  const { rows } = await trx.raw(`update proposals set vote_count = vote_count + ? where id = ? returning vote_count`, [
    by,
    id,
  ]);
  return rows[0].vote_count as number;
}
