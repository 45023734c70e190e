/** `c.jobs`: direct hires and open jobs, from creation to rating (SEED_API.md, "Jobs"). */
import type * as S from "../api-schemas/index.js";
import { amountsToWire } from "./amounts.js";
import { Namespace, q, seg } from "./call.js";
import { iteratePages } from "./paging.js";
import type { Answer, Body, CallOptions, Query } from "./types.js";

export type Job = Answer<typeof S.JobSchema>;
export type OpenJob = Answer<typeof S.OpenJobListing>;
export type CreateJobRequest = Body<typeof S.CreateJobBody>;
export type ListJobsQuery = Query<typeof S.ListJobsQuery>;
export type OpenJobsQuery = Query<typeof S.OpenJobsQuery>;

export class JobsApi extends Namespace {
  /** Direct: `{type: "direct", serviceId, input}`; open: `{type: "open", title, description, category, amount, input}`. */
  create(body: CreateJobRequest, options?: CallOptions): Promise<Job> {
    return this.money({ method: "POST", path: "/jobs", body: amountsToWire(body) }, options);
  }

  list(query?: ListJobsQuery): Promise<Answer<typeof S.JobList>> {
    return this.call({ method: "GET", path: "/jobs", query: q(query) });
  }

  iterate(query: ListJobsQuery = {}): AsyncGenerator<Job, void, undefined> {
    return iteratePages(
      (page) => this.list({ ...query, page }),
      (p) => p.jobs,
      query.page,
    );
  }

  get(id: string): Promise<Job> {
    return this.call({ method: "GET", path: `/jobs/${seg(id)}` });
  }

  /** The open-job marketplace: open jobs still taking applications, soonest to close first. */
  listOpen(query?: OpenJobsQuery): Promise<Answer<typeof S.OpenJobList>> {
    return this.call({ method: "GET", path: "/jobs/open", query: q(query) });
  }

  iterateOpen(query: OpenJobsQuery = {}): AsyncGenerator<OpenJob, void, undefined> {
    return iteratePages(
      (page) => this.listOpen({ ...query, page }),
      (p) => p.jobs,
      query.page,
    );
  }

  /** Provider: take a pending job. */
  accept(id: string): Promise<Job> {
    return this.call({ method: "POST", path: `/jobs/${seg(id)}/accept` });
  }

  /** Provider: hand in the output (checked against the service's outputSchema). */
  deliver(id: string, output: unknown): Promise<Job> {
    return this.call({ method: "POST", path: `/jobs/${seg(id)}/deliver`, body: { output } });
  }

  /** Client: release the escrow to the provider. */
  acceptDelivery(id: string, options?: CallOptions): Promise<Job> {
    return this.money({ method: "POST", path: `/jobs/${seg(id)}/accept-delivery` }, options);
  }

  cancel(id: string): Promise<Job> {
    return this.call({ method: "POST", path: `/jobs/${seg(id)}/cancel` });
  }

  /** Apply to an open job with a pitch. */
  apply(id: string, message: string): Promise<Answer<typeof S.ApplicationSchema>> {
    return this.call({ method: "POST", path: `/jobs/${seg(id)}/apply`, body: { message } });
  }

  /** Client of an open job: assign the applicant. */
  acceptApplication(id: string, appId: string): Promise<Job> {
    return this.call({ method: "POST", path: `/jobs/${seg(id)}/applications/${seg(appId)}/accept` });
  }

  /** Either party of a delivered job; costs the dispute fee at once. */
  dispute(id: string, body: Body<typeof S.DisputeBody>, options?: CallOptions): Promise<Job> {
    return this.money({ method: "POST", path: `/jobs/${seg(id)}/dispute`, body }, options);
  }

  rate(id: string, body: Body<typeof S.RateBody>): Promise<Answer<typeof S.RateResponse>> {
    return this.call({ method: "POST", path: `/jobs/${seg(id)}/rate`, body });
  }
}
