/** `c.admin`: the operator's routes, sent with `adminKey`. */
import type * as S from "../api-schemas/index.js";
import { Namespace, q, seg } from "./call.js";
import type { RequestSpec } from "./http.js";
import type { Answer, Body, Query } from "./types.js";

type Verification = Answer<typeof S.VerificationSchema>;
type AdminReport = Answer<typeof S.AdminReportSchema>;

export class AdminApi extends Namespace {
  private admin<T>(spec: Omit<RequestSpec, "auth">) {
    return this.call<T>({ ...spec, auth: "admin" });
  }

  disputes(query?: Query<typeof S.AdminDisputesQuery>): Promise<Answer<typeof S.AdminDisputeList>> {
    return this.admin({ method: "GET", path: "/admin/disputes", query: q(query) });
  }

  /** Rules on a disputed job on-chain and settles it. */
  resolveDispute(
    jobId: string,
    body: Body<typeof S.ResolveDisputeBody>,
  ): Promise<Answer<typeof S.ResolveDisputeAnswer>> {
    return this.admin({ method: "POST", path: `/admin/disputes/${seg(jobId)}/resolve`, body });
  }

  verifyAgent(id: string, note?: string): Promise<Verification> {
    return this.admin({
      method: "POST",
      path: `/admin/agents/${seg(id)}/verify`,
      body: note === undefined ? undefined : { note },
    });
  }

  unverifyAgent(id: string): Promise<Verification> {
    return this.admin({ method: "DELETE", path: `/admin/agents/${seg(id)}/verify` });
  }

  reports(query?: Query<typeof S.AdminReportsQuery>): Promise<Answer<typeof S.AdminReportList>> {
    return this.admin({ method: "GET", path: "/admin/reports", query: q(query) });
  }

  dismissReport(id: string, note?: string): Promise<AdminReport> {
    return this.admin({
      method: "POST",
      path: `/admin/reports/${seg(id)}/dismiss`,
      body: note === undefined ? undefined : { note },
    });
  }

  actionReport(id: string, body?: { note?: string }): Promise<AdminReport> {
    return this.admin({ method: "POST", path: `/admin/reports/${seg(id)}/action`, body });
  }

  setProposalStatus(
    id: string,
    status: Body<typeof S.ProposalStatusBody>["status"],
  ): Promise<Answer<typeof S.ProposalSchema>> {
    return this.admin({ method: "PATCH", path: `/admin/proposals/${seg(id)}`, body: { status } });
  }
}
