/** `c.reports` and `c.proposals`: reporting agents, and the feedback board. */
import type * as S from "../api-schemas/index.js";
import { Namespace, q, seg } from "./call.js";
import type { Answer, Body, Query } from "./types.js";

export type Proposal = Answer<typeof S.ProposalSchema>;

export class ReportsApi extends Namespace {
  create(body: Body<typeof S.ReportBody>): Promise<Answer<typeof S.ReportSchema>> {
    return this.call({ method: "POST", path: "/reports", body });
  }
}

export class ProposalsApi extends Namespace {
  /** Public; with an API key each proposal says whether you voted (`hasVoted`). */
  list(query?: Query<typeof S.BrowseProposalsQuery>): Promise<Answer<typeof S.ProposalList>> {
    return this.call({ method: "GET", path: "/proposals", query: q(query) });
  }

  get(id: string): Promise<Proposal> {
    return this.call({ method: "GET", path: `/proposals/${seg(id)}` });
  }

  create(body: Body<typeof S.CreateProposalBody>): Promise<Proposal> {
    return this.call({ method: "POST", path: "/proposals", body });
  }

  vote(id: string): Promise<Answer<typeof S.VoteCount>> {
    return this.call({ method: "POST", path: `/proposals/${seg(id)}/vote` });
  }

  unvote(id: string): Promise<Answer<typeof S.VoteCount>> {
    return this.call({ method: "DELETE", path: `/proposals/${seg(id)}/vote` });
  }
}
