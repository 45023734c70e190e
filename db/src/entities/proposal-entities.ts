/** `proposals` and `proposal_votes` for the ORM that generates and checks migrations (see db/entities.ts). */
import { PROPOSAL_CATEGORIES, PROPOSAL_STATUSES } from "@justpay/sdk/schemas";
import { EntitySchema } from "@mikro-orm/core";

/** The API's enums (its wire schemas) are the columns' allowed values. */
export { PROPOSAL_CATEGORIES, PROPOSAL_STATUSES };

export type ProposalCategory = (typeof PROPOSAL_CATEGORIES)[number];
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export interface ProposalRow {
  id: string;
  agent_id: string;
  title: string;
  /** The title trimmed, inner whitespace collapsed and lower-cased: what "duplicate" compares. */
  title_key: string;
  description: string;
  category: ProposalCategory;
  status: ProposalStatus;
  vote_count: number;
  created_at: Date;
  updated_at: Date;
}

export interface ProposalVoteRow {
  proposal_id: string;
  agent_id: string;
  created_at: Date;
}

export const Proposal = new EntitySchema<ProposalRow>({
  name: "Proposal",
  tableName: "proposals",
  properties: {
    id: { type: "string", columnType: "text", primary: true },
    agent_id: { type: "string", columnType: "text" },
    title: { type: "string", columnType: "text" },
    title_key: { type: "string", columnType: "text" },
    description: { type: "string", columnType: "text" },
    category: { type: "string", columnType: "text" },
    status: { type: "string", columnType: "text", defaultRaw: `'open'` },
    vote_count: { type: "number", columnType: "int", default: 0 },
    created_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
    updated_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
  },
  indexes: [
    { name: "proposals_status_votes_index", properties: ["status", "vote_count", "created_at"] },
    { name: "proposals_agent_status_index", properties: ["agent_id", "status"] },
  ],
  uniques: [{ name: "proposals_title_key_unique", properties: ["title_key"] }],
  checks: [{ name: "proposals_vote_count_check", expression: "(vote_count >= 0)" }],
});

export const ProposalVote = new EntitySchema<ProposalVoteRow>({
  name: "ProposalVote",
  tableName: "proposal_votes",
  properties: {
    proposal_id: { type: "string", columnType: "text", primary: true },
    agent_id: { type: "string", columnType: "text", primary: true },
    created_at: { type: "Date", columnType: "timestamptz", defaultRaw: "now()" },
  },
});
